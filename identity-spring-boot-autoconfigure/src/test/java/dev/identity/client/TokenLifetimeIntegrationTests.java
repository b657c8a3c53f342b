package dev.identity.client;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.identity.core.ClientAuthenticationMethod;
import dev.identity.core.ClientRegistration;
import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.transport.RetryPolicy;
import dev.identity.testprovider.StubDiscovery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Absurd {@code expires_in} values from a token endpoint, which a real provider will not
 * send on cue: through the real clients, each yields a token whose lifetime lies within
 * the documented bounds, never an overflow.
 */
class TokenLifetimeIntegrationTests {

	private static final TokenRequest.ClientCredentials REQUEST = TokenRequest.ClientCredentials.ofScopes("read");

	private static WireMockServer stub;

	@BeforeAll
	static void start() {
		stub = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		stub.start();
	}

	@AfterAll
	static void stop() {
		stub.stop();
	}

	@BeforeEach
	void serveDiscovery() {
		stub.resetAll();
		StubDiscovery.serve(stub, stub.baseUrl(), "jwks_uri", "token_endpoint");
	}

	private static TestClients clients() {
		return TestClients.withClient(stub.baseUrl(), "api",
				ClientRegistration.withSecret("app", "app-secret", ClientAuthenticationMethod.CLIENT_SECRET_BASIC),
				RetryPolicy.NONE);
	}

	private static void tokenEndpointSendsExpiresIn(String expiresIn) {
		stub.stubFor(post("/token").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}")));
	}

	@Test
	void clientCredentialsWhenExpiresInIs1e300ThenCachedForTheMaximumLifetime() {
		tokenEndpointSendsExpiresIn("1e300");
		try (TestClients clients = clients()) {
			TokenResponse token = clients.blocking.clientCredentials(REQUEST);
			assertThat(token.getAccessToken()).isEqualTo("at-1");
			assertThat(token.getExpiresIn()).isEqualTo(TokenResponse.MAXIMUM_LIFETIME);
			StepVerifier.create(clients.reactive.clientCredentials(REQUEST))
				.assertNext((reactive) -> assertThat(reactive.getAccessToken()).isEqualTo("at-1"))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			stub.verify(1, postRequestedFor(urlEqualTo("/token")));
			// Renewed a week minus the renewal skew later, like any token of that
			// lifetime.
			clients.clock
				.advance(TokenResponse.MAXIMUM_LIFETIME.minus(EngineSettings.TokenSettings.DEFAULT.renewalSkew()));
			assertThat(clients.smart.clientCredentials(REQUEST).getAccessToken()).isEqualTo("at-1");
			stub.verify(2, postRequestedFor(urlEqualTo("/token")));
		}
	}

	@Test
	void clientCredentialsWhenExpiresInNegativeThenTokenServedButNotReused() {
		tokenEndpointSendsExpiresIn("-3600");
		try (TestClients clients = clients()) {
			assertThat(clients.blocking.clientCredentials(REQUEST).getExpiresIn()).isZero();
			assertThat(clients.blocking.clientCredentials(REQUEST).getAccessToken()).isEqualTo("at-1");
			stub.verify(2, postRequestedFor(urlEqualTo("/token")));
		}
	}

	@Test
	void clientCredentialsWhenExpiresInNotANumberThenDefaultLifetime() {
		tokenEndpointSendsExpiresIn("\"one hour\"");
		try (TestClients clients = clients()) {
			assertThat(clients.blocking.clientCredentials(REQUEST).getExpiresIn()).isNull();
			clients.clock.advance(EngineSettings.TokenSettings.DEFAULT.defaultLifetime()
				.minus(EngineSettings.TokenSettings.DEFAULT.renewalSkew())
				.minusSeconds(1));
			clients.blocking.clientCredentials(REQUEST);
			stub.verify(1, postRequestedFor(urlEqualTo("/token")));
		}
	}

}
