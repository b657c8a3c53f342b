package dev.identity.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.autoconfigure.observation.IdentityObservationAutoConfiguration;
import dev.identity.core.ClaimsCheck;
import dev.identity.core.ClientAuthenticationMethod;
import dev.identity.core.ClientRegistration;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.IdentityEngines;
import dev.identity.engine.internal.TestTokens;
import dev.identity.engine.internal.transport.RetryPolicy;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive paths with BlockHound installed: any blocking call on a non-blocking
 * thread fails the test. Runs in a JVM of its own (see the module's Surefire
 * configuration).
 */
class ReactiveClientBlockHoundTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Blocking calls BlockHound saw anywhere, also those whose error something swallowed.
	 */
	private static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	@BeforeAll
	static void installBlockHound() {
		// Reactor Netty reads system files (resolver configuration) once, on its first
		// request: a
		// one-time library start-up, done here before BlockHound watches, so the tests
		// see our paths only.
		WebClient.create(provider.issuer())
			.get()
			.uri("/.well-known/openid-configuration")
			.retrieve()
			.toBodilessEntity()
			.block(TIMEOUT);
		// install(...) loads the Reactor and Netty integrations too: without them no
		// thread is watched.
		BlockHound.install((builder) -> builder.blockingMethodCallback((method) -> {
			blockingCalls.add(method + " on " + Thread.currentThread().getName() + " via "
					+ Arrays.stream(new Throwable().getStackTrace())
						.map(StackTraceElement::toString)
						.filter((frame) -> frame.startsWith("dev.identity"))
						.limit(6)
						.toList());
			throw new BlockingOperationError(method);
		}));
	}

	@BeforeEach
	void clearBlockingCalls() {
		blockingCalls.clear();
	}

	@AfterEach
	void noBlockingCallAnywhere(TestInfo test) {
		if (!test.getTestMethod().get().getName().startsWith("blockHoundWhen")) {
			assertThat(blockingCalls).isEmpty();
		}
	}

	private static <T> Mono<T> onEventLoop(Mono<T> mono) {
		return Mono.defer(() -> mono).subscribeOn(Schedulers.parallel());
	}

	@Test
	void blockHoundWhenBlockingOnEventLoopThenFails() {
		StepVerifier.create(onEventLoop(Mono.fromCallable(() -> {
			Thread.sleep(1);
			return 1;
		}))).expectError(BlockingOperationError.class).verify(TIMEOUT);
	}

	@Test
	void validateWhenColdCacheThenFetchesWithoutBlocking() {
		String token = provider.clientCredentialsToken();
		try (TestClients clients = new TestClients(provider.issuer(), TestProvider.CLIENT_ID)) {
			StepVerifier.create(onEventLoop(clients.reactive.validate(token)))
				.assertNext((validated) -> assertThat(validated.getSubject()).isEqualTo(TestProvider.CLIENT_ID))
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(onEventLoop(clients.reactive.validate(token)))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(onEventLoop(clients.reactive.discovery()))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(onEventLoop(clients.reactive.keys()))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
		}
	}

	@Test
	void validateWhenSeveralIssuersThenRoutesAndFetchesEachWithoutBlocking() {
		try (TestProvider other = TestProvider.start();
				TestClients first = new TestClients(provider.issuer(), TestProvider.CLIENT_ID);
				TestClients second = new TestClients(other.issuer(), TestProvider.CLIENT_ID)) {
			Map<String, IdentityEngine> engines = new LinkedHashMap<>();
			engines.put("a", first.engine);
			engines.put("b", second.engine);
			ReactiveOAuthClient client = new ReactiveOAuthClient(new IdentityEngines(engines), WebClient.create(),
					TIMEOUT, Schedulers.boundedElastic());
			StepVerifier.create(onEventLoop(client.validate(other.clientCredentialsToken())))
				.assertNext((validated) -> assertThat(validated.getClaim("iss")).isEqualTo(other.issuer()))
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(onEventLoop(client.validate(provider.clientCredentialsToken())))
				.assertNext((validated) -> assertThat(validated.getClaim("iss")).isEqualTo(provider.issuer()))
				.expectComplete()
				.verify(TIMEOUT);
			String foreign = new TestTokens(first.clock, "https://elsewhere.example.com").signedBy(TestTokens.FIRST);
			StepVerifier.create(onEventLoop(client.validate(foreign)))
				.expectError(InvalidTokenException.class)
				.verify(TIMEOUT);
		}
	}

	@Test
	void validateWhenTwoHundredReactiveCallersOnColdCacheThenOneFetchEachWithoutBlocking() {
		String token = provider.clientCredentialsToken();
		try (TestClients clients = new TestClients(provider.issuer(), TestProvider.CLIENT_ID)) {
			StepVerifier.create(Flux.range(0, 200).flatMap((i) -> onEventLoop(clients.reactive.validate(token)), 200))
				.expectNextCount(200)
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(provider.discoveryRequests()).isEqualTo(1);
			assertThat(provider.jwksRequests()).isEqualTo(1);
		}
	}

	@Test
	void validateWhenKeyRotatedThenRefreshesWithoutBlocking() {
		try (TestClients clients = new TestClients(provider.issuer(), TestProvider.CLIENT_ID)) {
			StepVerifier.create(onEventLoop(clients.reactive.validate(provider.clientCredentialsToken())))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			provider.rotateKey();
			String rotated = provider.clientCredentialsToken();
			clients.clock.advance(TestClients.MINIMUM_REFRESH_INTERVAL);
			StepVerifier.create(onEventLoop(clients.reactive.validate(rotated)))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(provider.jwksRequests()).isEqualTo(2);
		}
	}

	@Test
	void validateWhenTamperedThenErrorWithoutBlocking() {
		String tampered = ProviderIntegrationTests.tamper(provider.clientCredentialsToken());
		try (TestClients clients = new TestClients(provider.issuer(), TestProvider.CLIENT_ID)) {
			StepVerifier.create(onEventLoop(clients.reactive.validate(tampered)))
				.expectError(InvalidTokenException.class)
				.verify(TIMEOUT);
		}
	}

	@Test
	void smartValidateAsyncWhenBlockingValidatorThenOffloadedOffTheLoop() {
		String token = provider.clientCredentialsToken();
		try (TestClients clients = new TestClients(provider.issuer(), TestProvider.CLIENT_ID)) {
			ClaimsValidator blockingLookup = (validated) -> {
				try {
					// Stands for a database lookup: blocking, so it must never run on the
					// loop.
					Thread.sleep(1);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return ClaimsCheck.valid();
			};
			StepVerifier.create(onEventLoop(clients.smart.validateAsync(token, blockingLookup)))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(onEventLoop(clients.reactive.validate(token, blockingLookup)))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
		}
	}

	@Test
	void clientCredentialsIntrospectionAndRevocationWhenReactiveThenNoBlocking() {
		try (TestClients clients = TestClients.withClient(
				provider.issuer(), TestProvider.CLIENT_ID, ClientRegistration.withSecret(TestProvider.CLIENT_ID,
						TestProvider.CLIENT_SECRET, ClientAuthenticationMethod.CLIENT_SECRET_BASIC),
				RetryPolicy.DEFAULT)) {
			TokenResponse token = onEventLoop(
					clients.reactive.clientCredentials(TokenRequest.ClientCredentials.ofScopes("read")))
				.block(TIMEOUT);
			StepVerifier
				.create(onEventLoop(
						clients.smart.clientCredentialsAsync(TokenRequest.ClientCredentials.ofScopes("read"))))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(onEventLoop(clients.reactive.introspect(token.getAccessToken())))
				.assertNext((result) -> assertThat(result.isActive()).isTrue())
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(onEventLoop(clients.reactive.revoke(token.getAccessToken(), "access_token")))
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(provider.tokenRequests()).isEqualTo(1);
		}
	}

	@Test
	void smartValidateWhenEventLoopAndWarmCacheThenNoBlocking() {
		String token = provider.clientCredentialsToken();
		try (TestClients clients = new TestClients(provider.issuer(), TestProvider.CLIENT_ID)) {
			StepVerifier.create(onEventLoop(clients.smart.validateAsync(token)))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(onEventLoop(Mono.fromCallable(() -> clients.smart.validate(token))))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
		}
	}

	@Test
	void validateWhenObservedWithMicrometerThenCountedAndObservedWithoutBlocking() {
		String token = provider.clientCredentialsToken();
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityObservationAutoConfiguration.class,
					IdentityAutoConfiguration.class, WebClientAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues("identity.issuer-uri=" + provider.issuer())
			.run((context) -> {
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				context.getBean(ObservationRegistry.class)
					.observationConfig()
					.observationHandler(new DefaultMeterObservationHandler(meters));
				ReactiveOAuthClient client = context.getBean(ReactiveOAuthClient.class);
				StepVerifier.create(onEventLoop(client.validate(token)))
					.expectNextCount(1)
					.expectComplete()
					.verify(TIMEOUT);
				StepVerifier.create(onEventLoop(client.validate("not-a-token")))
					.expectError(InvalidTokenException.class)
					.verify(TIMEOUT);
				assertThat(meters.get("identity.token.validations").tag("outcome", "valid").counter().count())
					.isEqualTo(1);
				assertThat(meters.get("identity.token.validations").tag("check", "format").counter().count())
					.isEqualTo(1);
				assertThat(meters.get("identity.provider.requests").tag("endpoint", "jwks").timer().count())
					.isEqualTo(1);
			});
	}

}
