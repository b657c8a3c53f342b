package dev.identity.client;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.identity.core.ClientAuthenticationMethod;
import dev.identity.core.ClientRegistration;
import dev.identity.engine.internal.transport.RetryPolicy;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The WebClient customizer's origin check and renewal limit with BlockHound installed,
 * every request started on a non-blocking thread and answered on Reactor Netty's event
 * loops: the check, its log line and the renewal after a 401 never block. Runs in a JVM
 * of its own (see the module's Surefire configuration).
 */
class ClientCredentialsWebClientBlockHoundTests {

	private static final String REDEFINITION_FLAG = "-XX:+AllowRedefinitionToAddDeleteMethods";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	private static WireMockServer api;

	private static WireMockServer other;

	@BeforeAll
	static void installBlockHound() {
		assumeTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().contains(REDEFINITION_FLAG),
				"BlockHound needs a JVM started with " + REDEFINITION_FLAG);
		api = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		api.start();
		other = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		other.start();
		// Reactor Netty reads system files (resolver configuration) once, on its first
		// request: a one-time
		// library start-up, done before BlockHound watches.
		WebClient.create(provider.issuer())
			.get()
			.uri("/.well-known/openid-configuration")
			.retrieve()
			.toBodilessEntity()
			.block(TIMEOUT);
		Schedulers.shutdownNow();
		// BlockHound installs once per JVM: when another class installed it first, its
		// callback reports, and
		// the blocking call still fails the scenario with a BlockingOperationError.
		BlockHound.builder().loadIntegrations().blockingMethodCallback((method) -> {
			blockingCalls.add(method + " on " + Thread.currentThread().getName());
			throw new BlockingOperationError(method);
		}).install();
	}

	@AfterAll
	static void stop() {
		if (api != null) {
			api.stop();
			other.stop();
		}
	}

	@BeforeEach
	void reset() {
		blockingCalls.clear();
		api.resetAll();
		other.resetAll();
		other.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
		api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)));
	}

	@AfterEach
	void noBlockingCallAnywhere() {
		assertThat(blockingCalls).isEmpty();
	}

	private static Mono<Integer> statusOnEventLoop(WebClient client, String uri) {
		return Mono
			.defer(() -> client.get().uri(uri).exchangeToMono((response) -> Mono.just(response.statusCode().value())))
			.subscribeOn(Schedulers.parallel());
	}

	@Test
	void webClientWhenOtherOriginAndRefusedTokensThenNoBlocking() {
		try (TestClients clients = TestClients.withClient(
				provider.issuer(), TestProvider.CLIENT_ID, ClientRegistration.withSecret(TestProvider.CLIENT_ID,
						TestProvider.CLIENT_SECRET, ClientAuthenticationMethod.CLIENT_SECRET_BASIC),
				RetryPolicy.DEFAULT)) {
			WebClient orders = WebClient.builder()
				.baseUrl("http://127.0.0.1:" + api.port())
				.apply(new ClientCredentialsWebClientCustomizer(clients.smart))
				.build();
			StepVerifier.create(statusOnEventLoop(orders, "http://127.0.0.1:" + other.port() + "/steal"))
				.expectNext(200)
				.expectComplete()
				.verify(TIMEOUT);
			other.verify(1, anyRequestedFor(anyUrl()).withHeader("Authorization", absent()));
			StepVerifier.create(Flux.range(0, 10).flatMap((i) -> statusOnEventLoop(orders, "/orders"), 10))
				.expectNextCount(10)
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(provider.tokenRequests()).isEqualTo(2);
		}
	}

}
