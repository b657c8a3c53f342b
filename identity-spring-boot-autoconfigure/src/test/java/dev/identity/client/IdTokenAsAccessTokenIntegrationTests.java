package dev.identity.client;

import java.time.Duration;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.security.EngineJwtDecoder;
import dev.identity.security.EngineReactiveJwtDecoder;
import dev.identity.testprovider.AuthorizationCodeLogin;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.security.oauth2.jwt.BadJwtException;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A real ID token, from a login at the real provider, sent where an access token belongs:
 * refused by the TYPE check on every path, while the access token of the same login is
 * accepted. The audience is the client id, which an ID token's {@code aud} holds, so the
 * TYPE check is the only one that fails.
 */
class IdTokenAsAccessTokenIntegrationTests {

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	private static JsonNode login;

	@BeforeAll
	static void signIn() {
		login = AuthorizationCodeLogin.tokens(provider.issuer(), TestProvider.CLIENT_ID, TestProvider.CLIENT_SECRET,
				TestProvider.REDIRECT_URI, TestProvider.USERNAME, TestProvider.PASSWORD);
	}

	private static String idToken() {
		return login.path("id_token").asString();
	}

	private static void assertOnlyTheTypeCheckFailed(Throwable failure) {
		InvalidTokenException invalid = (InvalidTokenException) failure;
		assertThat(invalid.getFailures()).extracting(TokenCheckFailure::check).containsExactly(TokenCheck.TYPE);
		assertThat(invalid.getFailures().get(0).description()).contains("ID token", "'nonce'");
		assertThat(invalid.getMessage()).doesNotContain(idToken());
	}

	@Test
	void validateWhenIdTokenThenTypeFailureFromEveryClient() {
		try (TestClients clients = new TestClients(provider.issuer(), TestProvider.CLIENT_ID)) {
			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> clients.blocking.validate(idToken()))
				.satisfies(IdTokenAsAccessTokenIntegrationTests::assertOnlyTheTypeCheckFailed);
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> clients.smart.validate(idToken()))
				.satisfies(IdTokenAsAccessTokenIntegrationTests::assertOnlyTheTypeCheckFailed);
			StepVerifier.create(clients.reactive.validate(idToken()))
				.expectErrorSatisfies(IdTokenAsAccessTokenIntegrationTests::assertOnlyTheTypeCheckFailed)
				.verify(Duration.ofSeconds(30));
		}
	}

	@Test
	void decodeWhenIdTokenThenBadJwtFromSpringSecurityDecoders() {
		try (TestClients clients = new TestClients(provider.issuer(), TestProvider.CLIENT_ID)) {
			assertThatExceptionOfType(BadJwtException.class)
				.isThrownBy(() -> new EngineJwtDecoder(clients.blocking).decode(idToken()))
				.satisfies((ex) -> assertOnlyTheTypeCheckFailed(ex.getCause()));
			StepVerifier.create(new EngineReactiveJwtDecoder(clients.reactive).decode(idToken()))
				.expectErrorSatisfies((ex) -> {
					assertThat(ex).isInstanceOf(BadJwtException.class);
					assertOnlyTheTypeCheckFailed(ex.getCause());
				})
				.verify(Duration.ofSeconds(30));
		}
	}

	@Test
	void validateWhenAccessTokenOfTheSameLoginThenAccepted() {
		try (TestClients clients = new TestClients(provider.issuer(), TestProvider.CLIENT_ID)) {
			String accessToken = login.path("access_token").asString();
			assertThat(clients.blocking.validate(accessToken).getSubject()).isEqualTo(TestProvider.USERNAME);
			assertThat(clients.blocking.validate(provider.clientCredentialsToken()).getSubject())
				.isEqualTo(TestProvider.CLIENT_ID);
		}
	}

}
