package dev.identity.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.identity.core.ClientAuthenticationMethod;
import dev.identity.core.ClientRegistration;
import dev.identity.core.OAuthErrorException;
import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import dev.identity.engine.internal.transport.RetryPolicy;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Client credentials against the real provider: one token request for many concurrent
 * callers of any flavor, renewal before expiry on a simulated clock, real OAuth errors,
 * and outgoing calls that carry the token (the downstream API is a stub that can answer
 * 401 on cue).
 */
class ClientCredentialsIntegrationTests {

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	private static WireMockServer api;

	@BeforeAll
	static void start() {
		api = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		api.start();
	}

	@AfterAll
	static void stop() {
		api.stop();
	}

	@BeforeEach
	void reset() {
		api.resetAll();
	}

	private static TestClients clients(ClientAuthenticationMethod method) {
		return TestClients.withClient(provider.issuer(), TestProvider.CLIENT_ID,
				ClientRegistration.withSecret(TestProvider.CLIENT_ID, TestProvider.CLIENT_SECRET, method),
				RetryPolicy.DEFAULT);
	}

	private static TestClients clients() {
		return clients(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
	}

	@Test
	void clientCredentialsWhenRequestedThenRealTokenThatValidates() {
		try (TestClients clients = clients()) {
			TokenResponse token = clients.blocking.clientCredentials(TokenRequest.ClientCredentials.ofScopes("read"));
			assertThat(token.isBearer()).isTrue();
			assertThat(token.getExpiresIn()).isPositive();
			assertThat(token.toString()).doesNotContain(token.getAccessToken());
			assertThat(clients.blocking.validate(token.getAccessToken()).getScopes()).containsExactly("read");
		}
	}

	@Test
	void clientCredentialsWhenClientSecretPostThenAccepted() {
		try (TestClients clients = clients(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
			assertThat(clients.blocking.clientCredentials(TokenRequest.ClientCredentials.ofScopes("write"))
				.getAccessToken()).isNotBlank();
		}
	}

	@Test
	void clientCredentialsWhenHundredConcurrentCallersOfEveryFlavorThenOneTokenRequest() throws Exception {
		TokenRequest.ClientCredentials request = TokenRequest.ClientCredentials.ofScopes("read", "write");
		try (TestClients clients = clients()) {
			clients.blocking.discovery();
			ExecutorService pool = Executors.newFixedThreadPool(50);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<TokenResponse>> blocking = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					boolean smart = i % 2 == 0;
					blocking.add(pool.submit(() -> {
						start.await();
						return smart ? clients.smart.clientCredentials(request)
								: clients.blocking.clientCredentials(request);
					}));
				}
				Flux<TokenResponse> reactive = Flux.range(0, 50)
					.flatMap((i) -> (i % 2 == 0) ? clients.reactive.clientCredentials(request)
							: clients.smart.clientCredentialsAsync(request), 50);
				start.countDown();
				List<TokenResponse> all = new ArrayList<>(reactive.collectList().block(Duration.ofSeconds(30)));
				for (Future<TokenResponse> future : blocking) {
					all.add(future.get());
				}
				assertThat(all).hasSize(100);
				assertThat(all.stream().map(TokenResponse::getAccessToken).distinct()).hasSize(1);
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(provider.tokenRequests()).isEqualTo(1);
		}
	}

	@Test
	void clientCredentialsWhenWithinRenewalSkewThenRenewedBeforeExpiry() {
		TokenRequest.ClientCredentials request = TokenRequest.ClientCredentials.ofScopes("read");
		try (TestClients clients = clients()) {
			TokenResponse first = clients.blocking.clientCredentials(request);
			Duration lifetime = first.getExpiresIn();
			// Just outside the 60 s renewal window: the cached token is still served.
			clients.clock.advance(lifetime.minusSeconds(61));
			assertThat(clients.blocking.clientCredentials(request).getAccessToken()).isEqualTo(first.getAccessToken());
			assertThat(provider.tokenRequests()).isEqualTo(1);
			// Inside it, though the token has not expired yet: renewed.
			clients.clock.advance(Duration.ofSeconds(2));
			TokenResponse renewed = clients.blocking.clientCredentials(request);
			assertThat(renewed.getAccessToken()).isNotEqualTo(first.getAccessToken());
			assertThat(provider.tokenRequests()).isEqualTo(2);
		}
	}

	@Test
	void clientCredentialsWhenOtherScopesThenOwnCacheEntry() {
		try (TestClients clients = clients()) {
			clients.blocking.clientCredentials(TokenRequest.ClientCredentials.ofScopes("read"));
			clients.blocking.clientCredentials(TokenRequest.ClientCredentials.ofScopes("write"));
			clients.blocking.clientCredentials(TokenRequest.ClientCredentials.ofScopes("read"));
			assertThat(provider.tokenRequests()).isEqualTo(2);
		}
	}

	@Test
	void clientCredentialsWhenSecretWrongThenInvalidClientFromProvider() {
		try (TestClients clients = TestClients.withClient(provider.issuer(), TestProvider.CLIENT_ID, ClientRegistration
			.withSecret(TestProvider.CLIENT_ID, "wrong-secret", ClientAuthenticationMethod.CLIENT_SECRET_BASIC),
				RetryPolicy.DEFAULT)) {
			assertThatExceptionOfType(OAuthErrorException.class)
				.isThrownBy(() -> clients.blocking.clientCredentials(TokenRequest.ClientCredentials.ofScopes("read")))
				.satisfies((ex) -> {
					assertThat(ex.getError()).isEqualTo("invalid_client");
					assertThat(ex.getStatus()).isEqualTo(401);
					assertThat(ex.getEndpoint()).isEqualTo("token");
					assertThat(ex.getMessage()).doesNotContain("wrong-secret");
				});
			StepVerifier.create(clients.reactive.clientCredentials(TokenRequest.ClientCredentials.ofScopes("read")))
				.expectErrorSatisfies(
						(ex) -> assertThat(((OAuthErrorException) ex).getError()).isEqualTo("invalid_client"))
				.verify(Duration.ofSeconds(30));
		}
	}

	@Test
	void clientCredentialsWhenScopeNotAllowedThenInvalidScopeAndFailureNotCached() {
		try (TestClients clients = clients()) {
			TokenRequest.ClientCredentials request = TokenRequest.ClientCredentials.ofScopes("admin");
			assertThatExceptionOfType(OAuthErrorException.class)
				.isThrownBy(() -> clients.blocking.clientCredentials(request))
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_scope"));
			assertThatExceptionOfType(OAuthErrorException.class)
				.isThrownBy(() -> clients.blocking.clientCredentials(request));
			assertThat(provider.tokenRequests()).isEqualTo(2);
		}
	}

	/** The downstream API answers 401 once (a token it no longer accepts), then 200. */
	private static void ordersRefuseTheFirstTokenOnly() {
		api.stubFor(get("/orders").inScenario("revoked")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(401))
			.willSetStateTo("fresh"));
		api.stubFor(get("/orders").inScenario("revoked")
			.whenScenarioStateIs("fresh")
			.willReturn(aResponse().withStatus(200).withBody("[]")));
	}

	@Test
	void restClientCustomizerWhenApiAnswers401ThenRetriesOnceWithFreshToken() {
		ordersRefuseTheFirstTokenOnly();
		try (TestClients clients = clients()) {
			RestClient orders = RestClient.builder()
				.baseUrl(api.baseUrl())
				.apply(new ClientCredentialsRestClientCustomizer(clients.smart)
					.forRequest(TokenRequest.ClientCredentials.ofScopes("read")))
				.build();
			assertThat(orders.get().uri("/orders").retrieve().body(String.class)).isEqualTo("[]");
			assertThat(provider.tokenRequests()).isEqualTo(2);
			List<String> sent = api.findAll(getRequestedFor(urlEqualTo("/orders")))
				.stream()
				.map((request) -> request.getHeader("Authorization"))
				.toList();
			assertThat(sent).hasSize(2).allMatch((header) -> header.startsWith("Bearer "));
			assertThat(sent.get(0)).isNotEqualTo(sent.get(1));
		}
	}

	@Test
	void restClientCustomizerWhenApiAcceptsThenTokenFromCacheForEveryCall() {
		api.stubFor(get("/orders").willReturn(aResponse().withStatus(200).withBody("[]")));
		try (TestClients clients = clients()) {
			RestClient orders = RestClient.builder()
				.baseUrl(api.baseUrl())
				.apply(new ClientCredentialsRestClientCustomizer(clients.smart))
				.build();
			for (int i = 0; i < 3; i++) {
				orders.get().uri("/orders").retrieve().toBodilessEntity();
			}
			assertThat(provider.tokenRequests()).isEqualTo(1);
			api.verify(3, getRequestedFor(urlEqualTo("/orders")).withHeader("Authorization", matching("Bearer .+")));
		}
	}

	@Test
	void webClientCustomizerWhenApiAnswers401ThenRetriesOnceWithFreshToken() {
		ordersRefuseTheFirstTokenOnly();
		try (TestClients clients = clients()) {
			WebClient orders = WebClient.builder()
				.baseUrl(api.baseUrl())
				.apply(new ClientCredentialsWebClientCustomizer(clients.smart)
					.forRequest(TokenRequest.ClientCredentials.ofScopes("read")))
				.build();
			StepVerifier.create(orders.get().uri("/orders").retrieve().bodyToMono(String.class))
				.expectNext("[]")
				.expectComplete()
				.verify(Duration.ofSeconds(30));
			assertThat(provider.tokenRequests()).isEqualTo(2);
			api.verify(2, getRequestedFor(urlEqualTo("/orders")).withHeader("Authorization", matching("Bearer .+")));
		}
	}

}
