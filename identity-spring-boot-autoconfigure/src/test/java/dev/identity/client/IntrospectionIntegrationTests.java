package dev.identity.client;

import java.time.Duration;

import dev.identity.core.ClientAuthenticationMethod;
import dev.identity.core.ClientRegistration;
import dev.identity.core.IntrospectionResult;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.ValidatedToken;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.transport.RetryPolicy;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Introspection and revocation against the real provider, and the opaque-token mode of a
 * resource server.
 */
class IntrospectionIntegrationTests {

	private static final ClientRegistration CLIENT = ClientRegistration.withSecret(TestProvider.CLIENT_ID,
			TestProvider.CLIENT_SECRET, ClientAuthenticationMethod.CLIENT_SECRET_BASIC);

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	private static TestClients clients(boolean opaque) {
		return new TestClients(provider.issuer(), TestProvider.CLIENT_ID, EventLoopPolicy.FAIL, CLIENT,
				RetryPolicy.DEFAULT, new EngineSettings.IntrospectionSettings(opaque, Duration.ofSeconds(30)));
	}

	@Test
	void introspectWhenActiveTokenThenActiveWithItsClaims() {
		String token = provider.clientCredentialsToken("read");
		try (TestClients clients = clients(false)) {
			IntrospectionResult result = clients.blocking.introspect(token);
			assertThat(result.isActive()).isTrue();
			assertThat(result.getClientId()).isEqualTo(TestProvider.CLIENT_ID);
			assertThat(result.getScopes()).contains("read");
			assertThat(result.toString()).doesNotContain(token);
			StepVerifier.create(clients.reactive.introspect(token))
				.assertNext((reactive) -> assertThat(reactive.isActive()).isTrue())
				.expectComplete()
				.verify(Duration.ofSeconds(30));
		}
	}

	@Test
	void revokeWhenTokenRevokedThenIntrospectionSaysInactive() {
		String token = provider.clientCredentialsToken("read");
		try (TestClients clients = clients(false)) {
			assertThat(clients.blocking.introspect(token).isActive()).isTrue();
			clients.blocking.revoke(token, "access_token");
			assertThat(clients.blocking.introspect(token).isActive()).isFalse();
		}
	}

	@Test
	void introspectWhenRevokedElsewhereThenCachedResultServedUntilTtlOnly() {
		String token = provider.clientCredentialsToken("read");
		try (TestClients clients = clients(false); TestClients elsewhere = clients(false)) {
			assertThat(clients.blocking.introspect(token).isActive()).isTrue();
			elsewhere.reactive.revoke(token, null).block(Duration.ofSeconds(30));
			assertThat(clients.smart.introspect(token).isActive()).isTrue();
			clients.clock.advance(Duration.ofSeconds(31));
			assertThat(clients.smart.introspect(token).isActive()).isFalse();
		}
	}

	@Test
	void validateWhenOpaqueModeThenProviderDecidesThroughIntrospection() {
		String token = provider.clientCredentialsToken("read");
		try (TestClients clients = clients(true)) {
			ValidatedToken validated = clients.blocking.validate(token);
			assertThat(validated.getSubject()).isEqualTo(TestProvider.CLIENT_ID);
			assertThat(validated.getScopes()).contains("read");
			assertThat(validated.getAlgorithm()).isNull();
			assertThat(clients.smart.validate(token).getSubject()).isEqualTo(TestProvider.CLIENT_ID);
			clients.blocking.revoke(token, "access_token");
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> clients.blocking.validate(token))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.INTROSPECTION)).isTrue());
			StepVerifier.create(clients.reactive.validate(token))
				.expectError(InvalidTokenException.class)
				.verify(Duration.ofSeconds(30));
		}
	}

	@Test
	void validateWhenOpaqueModeAndAudienceDiffersThenRejected() {
		String token = provider.clientCredentialsToken("read");
		try (TestClients clients = new TestClients(provider.issuer(), "another-api", EventLoopPolicy.FAIL, CLIENT,
				RetryPolicy.DEFAULT, new EngineSettings.IntrospectionSettings(true, Duration.ofSeconds(30)))) {
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> clients.blocking.validate(token))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.AUDIENCE)).isTrue());
		}
	}

}
