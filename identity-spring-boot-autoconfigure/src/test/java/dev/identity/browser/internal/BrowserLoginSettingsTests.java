package dev.identity.browser.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.browser.BrowserLoginProperties;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.ValidationPolicy;
import dev.identity.engine.internal.EngineSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The checks of the {@code identity.login.*} properties.
 */
class BrowserLoginSettingsTests {

	@Test
	void constructorWhenPropertyInvalidThenItIsNamed() {
		assertInvalid("identity.login.login-path", (properties) -> properties.setLoginPath("login"));
		assertInvalid("identity.login.logout-path", (properties) -> properties.setLogoutPath("//evil.example"));
		assertInvalid("identity.login.callback-path", (properties) -> properties.setCallbackPath("/login"));
		assertInvalid("identity.login.redirect-uri", (properties) -> properties.setRedirectUri(URI.create("/cb")));
		assertInvalid("identity.login.scopes", (properties) -> properties.setScopes(List.of("openid profile")));
		assertInvalid("identity.login.authorization-parameters",
				(properties) -> properties.getAuthorizationParameters().put("state", "fixed"));
		assertInvalid("identity.login.post-login-redirect",
				(properties) -> properties.setPostLoginRedirect("https://a/"));
		assertInvalid("identity.login.post-logout-redirect-uri",
				(properties) -> properties.setPostLogoutRedirectUri("javascript:alert(1)"));
		assertInvalid("identity.login.max-pending-age", (properties) -> properties.setMaxPendingAge(Duration.ZERO));
		assertInvalid("identity.login.max-pending-logins", (properties) -> properties.setMaxPendingLogins(0));
		assertInvalid("identity.login.trusted-audiences", (properties) -> properties.setTrustedAudiences(List.of(" ")));
	}

	@Test
	void constructorWhenEngineHasNoClientThenRefused() {
		EngineSettings settings = new EngineSettings(URI.create(LoginEngineSettings.ISSUER),
				ValidationPolicy.withIssuer(LoginEngineSettings.ISSUER).build(), DiscoveryPolicy.STRICT,
				LoginEngineSettings.cache(), LoginEngineSettings.cache());
		assertThatIllegalStateException()
			.isThrownBy(() -> new BrowserLoginSettings(new BrowserLoginProperties(), settings))
			.withMessageContaining("identity.client-id");
	}

	@Test
	void problemsWhenSeveralPropertiesInvalidThenEachNamedInOrder() {
		BrowserLoginProperties properties = new BrowserLoginProperties();
		properties.setLoginPath("login");
		properties.setLogoutPath("/register");
		properties.setMaxPendingLogins(0);
		properties.setTrustedAudiences(List.of(" "));
		assertThat(BrowserLoginSettings.problems(properties, LoginEngineSettings.ISSUER))
			.extracting(InvalidIdentityConfigurationException.Problem::property)
			.containsExactly("identity.login.login-path", "identity.login.max-pending-logins",
					"identity.login.trusted-audiences");
		properties.setLoginPath("/in");
		assertThat(BrowserLoginSettings.problems(properties, null))
			.extracting(InvalidIdentityConfigurationException.Problem::property)
			.containsExactly("identity.login.callback-path", "identity.login.max-pending-logins",
					"identity.login.trusted-audiences");
	}

	@Test
	void problemsWhenValidThenNone() {
		assertThat(BrowserLoginSettings.problems(new BrowserLoginProperties(), LoginEngineSettings.ISSUER)).isEmpty();
		assertThat(new BrowserLoginSettings(new BrowserLoginProperties(), LoginEngineSettings.of(false)).maxPendingAge)
			.isEqualTo(Duration.ofMinutes(10));
	}

	private static void assertInvalid(String property, Consumer<BrowserLoginProperties> customizer) {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).as(property)
			.isThrownBy(() -> settings(customizer))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo(property));
	}

	private static BrowserLoginSettings settings(Consumer<BrowserLoginProperties> customizer) {
		BrowserLoginProperties properties = new BrowserLoginProperties();
		customizer.accept(properties);
		return new BrowserLoginSettings(properties, LoginEngineSettings.of(false));
	}

}
