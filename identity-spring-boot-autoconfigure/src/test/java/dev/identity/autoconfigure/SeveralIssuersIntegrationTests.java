package dev.identity.autoconfigure;

import java.time.Duration;

import dev.identity.client.OAuthClient;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.client.SmartOAuthClient;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.OAuthErrorException;
import dev.identity.core.TokenCheck;
import dev.identity.security.IdentityResourceServerAutoConfiguration;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two real providers configured as {@code identity.issuers.a} and {@code b}: every client
 * and decoder accepts the tokens of both, each verified by its own issuer's engine; a
 * token of a third provider is refused without a request to it; the token endpoint is
 * reached per issuer; one provider down leaves the other working.
 */
class SeveralIssuersIntegrationTests {

	@RegisterExtension
	static final TestProviderExtension a = new TestProviderExtension();

	@RegisterExtension
	static final TestProviderExtension b = new TestProviderExtension();

	@RegisterExtension
	static final TestProviderExtension unconfigured = new TestProviderExtension();

	private final ApplicationContextRunner blocking = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityResourceServerAutoConfiguration.class, RestClientAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityResourceServerAutoConfiguration.class, WebClientAutoConfiguration.class));

	private static String[] properties(String... more) {
		String[] base = { "identity.issuers.a.issuer-uri=" + a.issuer(), "identity.issuers.b.issuer-uri=" + b.issuer(),
				"identity.audiences=" + TestProvider.CLIENT_ID, "identity.client-id=" + TestProvider.CLIENT_ID,
				"identity.client-secret=" + TestProvider.CLIENT_SECRET };
		String[] all = new String[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

	@Test
	void validateWhenTokensOfEitherIssuerThenBlockingSmartAndDecoderAcceptBoth() {
		String fromA = a.clientCredentialsToken();
		String fromB = b.clientCredentialsToken();
		this.blocking.withPropertyValues(properties()).run((context) -> {
			OAuthClient client = context.getBean(OAuthClient.class);
			assertThat(client.validate(fromA).getClaim("iss")).isEqualTo(a.issuer());
			assertThat(client.validate(fromB).getClaim("iss")).isEqualTo(b.issuer());
			SmartOAuthClient smart = context.getBean(SmartOAuthClient.class);
			assertThat(smart.validate(fromA).getClaim("iss")).isEqualTo(a.issuer());
			assertThat(smart.validate(fromB).getClaim("iss")).isEqualTo(b.issuer());
			JwtDecoder decoder = context.getBean(JwtDecoder.class);
			assertThat(decoder.decode(fromB).getClaimAsString("iss")).isEqualTo(b.issuer());
		});
	}

	@Test
	void validateWhenTokensOfEitherIssuerThenReactiveClientAndDecoderAcceptBoth() {
		String fromA = a.clientCredentialsToken();
		String fromB = b.clientCredentialsToken();
		this.reactive.withPropertyValues(properties()).run((context) -> {
			ReactiveOAuthClient client = context.getBean(ReactiveOAuthClient.class);
			StepVerifier.create(client.validate(fromA))
				.assertNext((token) -> assertThat(token.getClaim("iss")).isEqualTo(a.issuer()))
				.verifyComplete();
			StepVerifier.create(client.validate(fromB))
				.assertNext((token) -> assertThat(token.getClaim("iss")).isEqualTo(b.issuer()))
				.verifyComplete();
			StepVerifier.create(context.getBean(ReactiveJwtDecoder.class).decode(fromA))
				.assertNext((jwt) -> assertThat(jwt.getClaimAsString("iss")).isEqualTo(a.issuer()))
				.verifyComplete();
		});
	}

	@Test
	void validateWhenIssuerNotConfiguredThenRefusedWithoutARequestToIt() {
		String foreign = unconfigured.clientCredentialsToken();
		unconfigured.resetCounts();
		this.blocking.withPropertyValues(properties()).run((context) -> {
			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> context.getBean(OAuthClient.class).validate(foreign))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.ISSUER)).isTrue());
			assertThatExceptionOfType(BadJwtException.class)
				.isThrownBy(() -> context.getBean(JwtDecoder.class).decode(foreign));
		});
		this.reactive.withPropertyValues(properties())
			.run((context) -> StepVerifier.create(context.getBean(ReactiveOAuthClient.class).validate(foreign))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidTokenException.class))
				.verify(Duration.ofSeconds(30)));
		assertThat(unconfigured.discoveryRequests()).isZero();
		assertThat(unconfigured.jwksRequests()).isZero();
	}

	@Test
	void validateWhenIssuerHasItsOwnAudiencesThenTheyApplyToItsTokensOnly() {
		String fromA = a.clientCredentialsToken();
		String fromB = b.clientCredentialsToken();
		this.blocking.withPropertyValues(properties("identity.issuers.b.audiences=orders-api")).run((context) -> {
			OAuthClient client = context.getBean(OAuthClient.class);
			assertThat(client.validate(fromA).getClaim("iss")).isEqualTo(a.issuer());
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> client.validate(fromB))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.AUDIENCE)).isTrue());
		});
	}

	@Test
	void forIssuerWhenClientCredentialsThenEachIssuersTokenEndpointWithItsOwnClient() {
		this.blocking.withPropertyValues(properties("identity.issuers.b.client-secret=wrong-secret")).run((context) -> {
			OAuthClient client = context.getBean(OAuthClient.class);
			String fromA = client.forIssuer("a").clientCredentials().getAccessToken();
			assertThat(client.validate(fromA).getClaim("iss")).isEqualTo(a.issuer());
			// b's own secret replaces the top-level one: b refuses the client.
			assertThatExceptionOfType(OAuthErrorException.class)
				.isThrownBy(() -> client.forIssuer("b").clientCredentials())
				.satisfies((ex) -> assertThat(ex.getOAuthError().error()).isEqualTo("invalid_client"));
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> client.forIssuer("c"))
				.withMessageContaining("[a, b]");
			SmartOAuthClient smart = context.getBean(SmartOAuthClient.class);
			assertThat(smart.forIssuer("a").clientCredentials().getAccessToken()).isNotBlank();
		});
	}

	@Test
	void forIssuerWhenValidatingThenOnlyThatIssuersTokens() {
		String fromB = b.clientCredentialsToken();
		this.blocking.withPropertyValues(properties()).run((context) -> {
			OAuthClient client = context.getBean(OAuthClient.class);
			assertThat(client.forIssuer("b").validate(fromB).getClaim("iss")).isEqualTo(b.issuer());
			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> client.forIssuer("a").validate(fromB))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.ISSUER)).isTrue());
		});
	}

	@Test
	void validateWhenOneProviderIsDownThenTheOtherIssuersTokensStillValidate() {
		TestProvider down = TestProvider.start();
		String fromDown = down.clientCredentialsToken();
		String fromA = a.clientCredentialsToken();
		String downIssuer = down.issuer();
		down.close();
		this.blocking
			.withPropertyValues("identity.issuers.a.issuer-uri=" + a.issuer(),
					"identity.issuers.down.issuer-uri=" + downIssuer, "identity.audiences=" + TestProvider.CLIENT_ID,
					"identity.http.max-attempts=1")
			.run((context) -> {
				OAuthClient client = context.getBean(OAuthClient.class);
				assertThatExceptionOfType(IdentityProviderException.class).isThrownBy(() -> client.validate(fromDown));
				assertThat(client.validate(fromA).getClaim("iss")).isEqualTo(a.issuer());
			});
	}

}
