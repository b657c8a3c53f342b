package dev.identity.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.identity.core.ClientAuthenticationMethod;
import dev.identity.core.ClientRegistration;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.OAuthErrorException;
import dev.identity.core.TokenRequest;
import dev.identity.engine.internal.transport.RetryPolicy;
import dev.identity.testprovider.StubDiscovery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * OAuth error responses and overload answers a real provider will not give on cue, from a
 * stub: each becomes a typed exception carrying the provider's fields and status, and
 * retries follow the retry policy, counted at the stub.
 */
class TokenEndpointFaultTests {

	private static final RetryPolicy FAST_RETRIES = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50),
			Duration.ofSeconds(5));

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
				FAST_RETRIES);
	}

	private static void tokenEndpointAnswers(int status, String body) {
		stub.stubFor(post("/token")
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	@Test
	void requestTokenWhenInvalidClientThenTypedErrorWithEveryField() {
		tokenEndpointAnswers(401,
				"{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\","
						+ "\"error_uri\":\"https://docs.example/errors#invalid_client\"}");
		try (TestClients clients = clients()) {
			assertThatExceptionOfType(OAuthErrorException.class)
				.isThrownBy(() -> clients.blocking.clientCredentials(TokenRequest.ClientCredentials.ofScopes("read")))
				.satisfies((ex) -> {
					assertThat(ex.getError()).isEqualTo("invalid_client");
					assertThat(ex.getErrorDescription()).isEqualTo("Client authentication failed");
					assertThat(ex.getErrorUri()).isEqualTo("https://docs.example/errors#invalid_client");
					assertThat(ex.getStatus()).isEqualTo(401);
					assertThat(ex.getMessage()).contains("invalid_client").doesNotContain("app-secret");
				});
			stub.verify(1, postRequestedFor(urlEqualTo("/token")));
		}
	}

	@Test
	void refreshWhenInvalidGrantThenTypedErrorAndNoRetry() {
		tokenEndpointAnswers(400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token expired\"}");
		try (TestClients clients = clients()) {
			assertThatExceptionOfType(OAuthErrorException.class).isThrownBy(() -> clients.blocking.refresh("rt-1"))
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_grant"))
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("rt-1"));
			StepVerifier.create(clients.reactive.refresh("rt-1"))
				.expectErrorSatisfies((ex) -> assertThat(((OAuthErrorException) ex).getStatus()).isEqualTo(400))
				.verify(Duration.ofSeconds(10));
			assertThatExceptionOfType(OAuthErrorException.class).isThrownBy(() -> clients.smart.refresh("rt-1"));
			StepVerifier.create(clients.smart.refreshAsync("rt-1"))
				.expectError(OAuthErrorException.class)
				.verify(Duration.ofSeconds(10));
			stub.verify(4,
					postRequestedFor(urlEqualTo("/token")).withRequestBody(containing("grant_type=refresh_token")));
		}
	}

	@Test
	void clientCredentialsWhenInvalidScopeThenTypedError() {
		tokenEndpointAnswers(400, "{\"error\":\"invalid_scope\"}");
		try (TestClients clients = clients()) {
			assertThatExceptionOfType(OAuthErrorException.class)
				.isThrownBy(() -> clients.smart.clientCredentials(TokenRequest.ClientCredentials.ofScopes("admin")))
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_scope"));
		}
	}

	@Test
	void clientCredentialsWhen429WithRetryAfterThenWaitsAndSucceeds() {
		stub.stubFor(post("/token").inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
			.willSetStateTo("ready"));
		stub.stubFor(post("/token").inScenario("busy")
			.whenScenarioStateIs("ready")
			.willReturn(WireMock.okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
		try (TestClients clients = clients()) {
			assertThat(clients.blocking.clientCredentials(TokenRequest.ClientCredentials.ofScopes("read"))
				.getAccessToken()).isEqualTo("at-1");
			stub.verify(2, postRequestedFor(urlEqualTo("/token")));
		}
	}

	@Test
	void clientCredentialsWhen429WithRetryAfterReactiveThenWaitsOnTimerAndSucceeds() {
		stub.stubFor(post("/token").inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
			.willSetStateTo("ready"));
		stub.stubFor(post("/token").inScenario("busy")
			.whenScenarioStateIs("ready")
			.willReturn(WireMock.okJson("{\"access_token\":\"at-2\",\"token_type\":\"Bearer\"}")));
		try (TestClients clients = clients()) {
			StepVerifier.create(clients.reactive.clientCredentials(TokenRequest.ClientCredentials.ofScopes("read")))
				.assertNext((token) -> assertThat(token.getAccessToken()).isEqualTo("at-2"))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			stub.verify(2, postRequestedFor(urlEqualTo("/token")));
		}
	}

	@Test
	void clientCredentialsWhenRetryAfterBeyondBoundThenFailsAtOnceCarryingIt() {
		stub.stubFor(post("/token").willReturn(aResponse().withStatus(429)
			.withHeader("Retry-After", "120")
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"slow_down\"}")));
		try (TestClients clients = clients()) {
			assertThatExceptionOfType(OAuthErrorException.class)
				.isThrownBy(() -> clients.blocking.clientCredentials(TokenRequest.ClientCredentials.ofScopes("read")))
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(429);
					assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(120));
				});
			stub.verify(1, postRequestedFor(urlEqualTo("/token")));
		}
	}

	@Test
	void clientCredentialsWhen503EveryTimeThenGivesUpAfterMaxAttempts() {
		stub.stubFor(post("/token").willReturn(aResponse().withStatus(503).withBody("<html>down</html>")));
		try (TestClients clients = clients()) {
			assertThatExceptionOfType(IdentityProviderException.class)
				.isThrownBy(() -> clients.blocking.clientCredentials(TokenRequest.ClientCredentials.ofScopes("read")))
				.satisfies((ex) -> {
					assertThat(ex).isNotInstanceOf(OAuthErrorException.class);
					assertThat(ex.getStatus()).isEqualTo(503);
					assertThat(ex.getEndpoint()).isEqualTo("token");
				});
			stub.verify(3, postRequestedFor(urlEqualTo("/token")));
		}
	}

	@Test
	void refreshWhen500ThenNotRetriedBecauseTheTokenMayBeSpent() {
		stub.stubFor(post("/token").willReturn(aResponse().withStatus(500)));
		try (TestClients clients = clients()) {
			assertThatExceptionOfType(IdentityProviderException.class).isThrownBy(() -> clients.blocking.refresh("rt"))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(500));
			stub.verify(1, postRequestedFor(urlEqualTo("/token")));
		}
	}

	@Test
	void clientCredentialsWhen500ThenRetriedBecauseRepeatingIsHarmless() {
		stub.stubFor(post("/token").willReturn(aResponse().withStatus(500)));
		try (TestClients clients = clients()) {
			assertThatExceptionOfType(IdentityProviderException.class)
				.isThrownBy(() -> clients.blocking.clientCredentials(TokenRequest.ClientCredentials.ofScopes("read")));
			stub.verify(3, postRequestedFor(urlEqualTo("/token")));
		}
	}

	@Test
	void clientCredentialsWhenResponseMalformedThenProviderErrorNamingTheMember() {
		stub.stubFor(post("/token").willReturn(WireMock.okJson("{\"token_type\":\"Bearer\"}")));
		try (TestClients clients = clients()) {
			assertThatExceptionOfType(IdentityProviderException.class)
				.isThrownBy(() -> clients.blocking.clientCredentials(TokenRequest.ClientCredentials.ofScopes("read")))
				.withMessageContaining("access_token");
		}
	}

	@Test
	void clientCredentialsWhenNoExpiresInThenDefaultLifetimeApplies() {
		stub.stubFor(
				post("/token").willReturn(WireMock.okJson("{\"access_token\":\"at-3\",\"token_type\":\"Bearer\"}")));
		try (TestClients clients = clients()) {
			TokenRequest.ClientCredentials request = TokenRequest.ClientCredentials.ofScopes("read");
			clients.blocking.clientCredentials(request);
			// Default lifetime 5 min, renewal skew 60 s: served from cache for 4 minutes.
			clients.clock.advance(Duration.ofSeconds(239));
			clients.blocking.clientCredentials(request);
			stub.verify(1, postRequestedFor(urlEqualTo("/token")));
			clients.clock.advance(Duration.ofSeconds(2));
			clients.blocking.clientCredentials(request);
			stub.verify(2, postRequestedFor(urlEqualTo("/token")));
		}
	}

	@Test
	void requestsWhenParametersGivenThenFormCarriesThem() {
		stub.stubFor(
				post("/token").willReturn(WireMock.okJson("{\"access_token\":\"at-4\",\"token_type\":\"Bearer\"}")));
		try (TestClients clients = clients()) {
			clients.blocking.clientCredentials(new TokenRequest.ClientCredentials(Set.of("b", "a"),
					List.of("https://orders.example"), List.of("orders"), Map.of("tenant", "t1")));
			stub.verify(postRequestedFor(urlEqualTo("/token"))
				.withHeader("Authorization", WireMock.equalTo("Basic YXBwOmFwcC1zZWNyZXQ="))
				.withRequestBody(containing("grant_type=client_credentials"))
				.withRequestBody(containing("scope=a+b"))
				.withRequestBody(containing("resource=https%3A%2F%2Forders.example"))
				.withRequestBody(containing("audience=orders"))
				.withRequestBody(containing("tenant=t1")));
		}
	}

	@Test
	void passwordGrantWhenNotEnabledThenRefusedWithoutRequest() {
		try (TestClients clients = clients()) {
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> clients.blocking.requestToken(new TokenRequest.Password("alice", "pw", Set.of())))
				.withMessageContaining("identity.password-grant-enabled");
			stub.verify(0, postRequestedFor(urlEqualTo("/token")));
		}
	}

}
