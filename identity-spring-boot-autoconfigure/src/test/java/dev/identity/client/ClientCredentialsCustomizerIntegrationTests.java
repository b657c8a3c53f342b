package dev.identity.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.identity.core.ClientAuthenticationMethod;
import dev.identity.core.ClientRegistration;
import dev.identity.engine.internal.transport.RetryPolicy;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Where the client-credentials customizers send the token, and how often a refused token
 * is renewed: tokens from the real provider (which counts token requests), resource
 * servers from stubs that answer 200 or 401 on cue, on two origins.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientCredentialsCustomizerIntegrationTests {

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	/** The API the clients are built for. */
	private static WireMockServer api;

	/** Another origin, such as a URL an attacker put into user input. */
	private static WireMockServer other;

	@BeforeAll
	static void start() {
		api = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		api.start();
		other = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		other.start();
	}

	@AfterAll
	static void stop() {
		api.stop();
		other.stop();
	}

	@BeforeEach
	void reset() {
		api.resetAll();
		other.resetAll();
		api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
		other.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
	}

	private static TestClients clients() {
		return TestClients.withClient(
				provider.issuer(), TestProvider.CLIENT_ID, ClientRegistration.withSecret(TestProvider.CLIENT_ID,
						TestProvider.CLIENT_SECRET, ClientAuthenticationMethod.CLIENT_SECRET_BASIC),
				RetryPolicy.DEFAULT);
	}

	/** The stub's URL by its loopback address (its own base URL names it localhost). */
	private static String url(WireMockServer server) {
		return "http://127.0.0.1:" + server.port();
	}

	private static void apiRefusesEveryToken() {
		api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)));
	}

	private static int status(RestClient client, String uri) {
		return client.get().uri(uri).exchange((request, response) -> response.getStatusCode().value());
	}

	private static Mono<Integer> status(WebClient client, String uri) {
		return client.get().uri(uri).exchangeToMono((response) -> Mono.just(response.statusCode().value()));
	}

	// ---- origins

	@Test
	void restClientWhenAbsoluteUrlToAnotherOriginThenSentWithoutTokenAndLoggedOnce(CapturedOutput output) {
		try (TestClients clients = clients()) {
			RestClient orders = RestClient.builder()
				.baseUrl(url(api))
				.apply(new ClientCredentialsRestClientCustomizer(clients.smart))
				.build();
			assertThat(status(orders, url(other) + "/steal?from=user-input")).isEqualTo(200);
			assertThat(status(orders, url(other) + "/again")).isEqualTo(200);
			assertThat(status(orders, "/orders")).isEqualTo(200);
			other.verify(2, anyRequestedFor(anyUrl()).withHeader("Authorization", absent()));
			api.verify(1, anyRequestedFor(anyUrl()).withHeader("Authorization", matching("Bearer .+")));
			assertThat(provider.tokenRequests()).isEqualTo(1);
			String origin = "http://127.0.0.1:" + other.port();
			assertThat(output.getAll())
				.containsOnlyOnce("A request to " + origin + " went out without the " + "client-credentials token")
				.doesNotContain("user-input");
		}
	}

	@Test
	void webClientWhenAbsoluteUrlToAnotherOriginThenSentWithoutTokenAndLoggedOnce(CapturedOutput output) {
		try (TestClients clients = clients()) {
			WebClient orders = WebClient.builder()
				.baseUrl(url(api))
				.apply(new ClientCredentialsWebClientCustomizer(clients.smart))
				.build();
			assertThat(status(orders, url(other) + "/steal").block(Duration.ofSeconds(30))).isEqualTo(200);
			assertThat(status(orders, url(other) + "/again").block(Duration.ofSeconds(30))).isEqualTo(200);
			assertThat(status(orders, "/orders").block(Duration.ofSeconds(30))).isEqualTo(200);
			other.verify(2, anyRequestedFor(anyUrl()).withHeader("Authorization", absent()));
			api.verify(1, anyRequestedFor(anyUrl()).withHeader("Authorization", matching("Bearer .+")));
			assertThat(output.getAll()).containsOnlyOnce("A request to http://127.0.0.1:" + other.port());
		}
	}

	@Test
	void restClientWhenOriginsNamedThenTokenToEachAndNoneElsewhere() {
		try (TestClients clients = clients()) {
			RestClient client = RestClient.builder()
				.apply(new ClientCredentialsRestClientCustomizer(clients.smart).forOrigins(url(api) + "/v1",
						url(other)))
				.build();
			status(client, url(api) + "/orders");
			status(client, url(other) + "/billing");
			// The same server by another name is another origin.
			status(client, "http://localhost:" + api.port() + "/orders");
			api.verify(1, anyRequestedFor(anyUrl()).withHeader("Authorization", matching("Bearer .+")));
			api.verify(1, anyRequestedFor(anyUrl()).withHeader("Authorization", absent()));
			other.verify(1, anyRequestedFor(anyUrl()).withHeader("Authorization", matching("Bearer .+")));
		}
	}

	@Test
	void acceptWhenBuilderHasNoBaseUrlAndNoOriginsNamedThenFailsNamingTheFix() {
		try (TestClients clients = clients()) {
			assertThatIllegalStateException()
				.isThrownBy(() -> RestClient.builder().apply(new ClientCredentialsRestClientCustomizer(clients.smart)))
				.withMessageContaining("no absolute base URL")
				.withMessageContaining("forOrigins(");
			assertThatIllegalStateException()
				.isThrownBy(() -> WebClient.builder().apply(new ClientCredentialsWebClientCustomizer(clients.smart)))
				.withMessageContaining("WebClient.Builder");
			assertThatIllegalArgumentException()
				.isThrownBy(
						() -> new ClientCredentialsRestClientCustomizer(clients.smart).forOrigins("orders.internal"))
				.withMessageContaining("'orders.internal' is not an absolute http or https URL");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new ClientCredentialsWebClientCustomizer(clients.smart).forOrigins());
		}
	}

	// ---- renewals after 401

	@Test
	void restClientWhenApiRefusesEveryTokenThenOneRenewalPerInterval() {
		apiRefusesEveryToken();
		try (TestClients clients = clients()) {
			RestClient orders = RestClient.builder()
				.baseUrl(url(api))
				.apply(new ClientCredentialsRestClientCustomizer(clients.smart))
				.build();
			for (int i = 0; i < 10; i++) {
				assertThat(status(orders, "/orders")).isEqualTo(401);
			}
			// The first token, and one renewal for the first refusal; then the 401s are
			// answered as they are.
			assertThat(provider.tokenRequests()).isEqualTo(2);
			api.verify(11, anyRequestedFor(anyUrl()));
			clients.clock.advance(OutgoingTokenGuard.MINIMUM_RENEWAL_INTERVAL);
			assertThat(status(orders, "/orders")).isEqualTo(401);
			assertThat(provider.tokenRequests()).isEqualTo(3);
		}
	}

	@Test
	void restClientWhenConcurrentRequestsRefusedThenOneRenewal() throws Exception {
		apiRefusesEveryToken();
		try (TestClients clients = clients()) {
			RestClient orders = RestClient.builder()
				.baseUrl(url(api))
				.apply(new ClientCredentialsRestClientCustomizer(clients.smart))
				.build();
			clients.smart.clientCredentials(clients.engine.getSettings().tokens().defaultRequest());
			ExecutorService pool = Executors.newFixedThreadPool(20);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Integer>> statuses = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					statuses.add(pool.submit(() -> {
						start.await();
						return status(orders, "/orders");
					}));
				}
				start.countDown();
				for (Future<Integer> status : statuses) {
					assertThat(status.get()).isEqualTo(401);
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(provider.tokenRequests()).isEqualTo(2);
		}
	}

	@Test
	void webClientWhenApiRefusesEveryTokenThenOneRenewalPerInterval() {
		apiRefusesEveryToken();
		try (TestClients clients = clients()) {
			WebClient orders = WebClient.builder()
				.baseUrl(url(api))
				.apply(new ClientCredentialsWebClientCustomizer(clients.smart))
				.build();
			assertThat(status(orders, "/orders").block(Duration.ofSeconds(30))).isEqualTo(401);
			List<Integer> statuses = Flux.range(0, 20)
				.flatMap((i) -> status(orders, "/orders"), 20)
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(statuses).hasSize(20).containsOnly(401);
			assertThat(provider.tokenRequests()).isEqualTo(2);
			clients.clock.advance(OutgoingTokenGuard.MINIMUM_RENEWAL_INTERVAL);
			assertThat(status(orders, "/orders").block(Duration.ofSeconds(30))).isEqualTo(401);
			assertThat(provider.tokenRequests()).isEqualTo(3);
		}
	}

	@Test
	void customizersOfOneClientWhenApiRefusesEveryTokenThenShareTheRenewalLimit() {
		apiRefusesEveryToken();
		try (TestClients clients = clients()) {
			RestClient blocking = RestClient.builder()
				.baseUrl(url(api))
				.apply(new ClientCredentialsRestClientCustomizer(clients.smart))
				.build();
			WebClient reactive = WebClient.builder()
				.baseUrl(url(api))
				.apply(new ClientCredentialsWebClientCustomizer(clients.smart))
				.build();
			for (int i = 0; i < 5; i++) {
				assertThat(status(blocking, "/orders")).isEqualTo(401);
				assertThat(status(reactive, "/orders").block(Duration.ofSeconds(30))).isEqualTo(401);
			}
			assertThat(provider.tokenRequests()).isEqualTo(2);
		}
	}

}
