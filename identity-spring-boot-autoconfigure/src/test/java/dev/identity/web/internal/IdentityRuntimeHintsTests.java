package dev.identity.web.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.identity.browser.internal.PendingLogins;
import dev.identity.core.OAuthError;
import dev.identity.core.TokenResponse;
import dev.identity.core.ValidatedToken;
import dev.identity.login.AuthenticatedUser;
import dev.identity.web.Claim;
import dev.identity.web.RequirePermission;
import dev.identity.web.RequireRole;
import dev.identity.web.RequireScope;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

import static dev.identity.login.LoginTestTokens.KEYS;
import static dev.identity.login.LoginTestTokens.NOW;
import static dev.identity.login.LoginTestTokens.idToken;
import static dev.identity.login.LoginTestTokens.pending;
import static dev.identity.login.LoginTestTokens.validator;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's runtime hints, as an application's ahead-of-time processing finds them:
 * every {@code RuntimeHintsRegistrar} of {@code META-INF/spring/aot.factories} on the
 * class path, Spring's own included.
 */
class IdentityRuntimeHintsTests {

	private static final String ACCESS_TOKEN = "access-token-value-2YotnFZFEjr1zCsicMWpAA";

	private final RuntimeHints hints = registeredHints();

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		AotServices.factories()
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, IdentityRuntimeHintsTests.class.getClassLoader()));
		return hints;
	}

	@Test
	void registerHintsWhenLoadedFromAotFactoriesThenRequirementAnnotationsAreReadable() {
		for (Class<?> annotation : List.of(Claim.class, RequirePermission.class, RequireRole.class,
				RequireScope.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(annotation, "value"))
				.as(annotation.getSimpleName())
				.accepts(this.hints);
		}
	}

	@Test
	void registerHintsWhenLoadedFromAotFactoriesThenWebFluxResolverReaderIsInvocable() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ArgumentResolverConfigurer.class, "getCustomResolvers")).accepts(this.hints);
	}

	/**
	 * Every class written when a session store serializes the signed-in user (with claims
	 * of each JSON type), the pending logins and an OAuth error: a native image can
	 * serialize only the classes registered for it, the JDK's included.
	 */
	@Test
	void registerHintsWhenSessionValuesSerializedThenEveryWrittenClassIsRegistered() throws IOException {
		String token = idToken().claim("name", "Jane Doe")
			.claim("email_verified", true)
			.claim("roles", List.of("admin", "reader"))
			.claim("address", Map.of("country", "NL", "floor", 3))
			.claim("score", 4.5)
			.claim("big", new BigInteger("123456789012345678901234567890"))
			.claim("updated_at", 1_900_000_000L)
			.build();
		ValidatedToken validated = validator().validate(token, KEYS, pending(), ACCESS_TOKEN, NOW);
		TokenResponse tokens = TokenResponse.parse("{\"access_token\": \"" + ACCESS_TOKEN + "\", \"token_type\": "
				+ "\"Bearer\", \"expires_in\": 3600, \"scope\": \"openid profile\", \"id_token\": \"" + token + "\"}",
				NOW);
		PendingLogins logins = PendingLogins.empty()
			.with(pending(Duration.ofMinutes(5)), 3, Duration.ofMinutes(10), NOW);
		Set<Class<?>> written = classesWritten(AuthenticatedUser.of(validated, tokens), logins,
				new OAuthError("invalid_grant", "expired", null));
		assertThat(written).contains(AuthenticatedUser.class, ValidatedToken.class, PendingLogins.class,
				OAuthError.class);
		List<String> unregistered = written.stream()
			.filter((type) -> !RuntimeHintsPredicates.reflection().onJavaSerialization(type, true).test(this.hints))
			.map(Class::getName)
			.toList();
		assertThat(unregistered).as("classes written without a Java serialization hint").isEmpty();
	}

	/** The classes whose descriptors a serialization of these values writes. */
	private static Set<Class<?>> classesWritten(Object... values) throws IOException {
		Set<Class<?>> written = new LinkedHashSet<>();
		try (ObjectOutputStream out = new RecordingObjectOutputStream(new ByteArrayOutputStream(), written)) {
			for (Object value : values) {
				out.writeObject(value);
			}
		}
		return written;
	}

	private static final class RecordingObjectOutputStream extends ObjectOutputStream {

		private final Set<Class<?>> written;

		RecordingObjectOutputStream(OutputStream out, Set<Class<?>> written) throws IOException {
			super(out);
			this.written = written;
		}

		@Override
		protected void annotateClass(Class<?> type) {
			this.written.add(type);
		}

	}

}
