package dev.identity.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import dev.identity.core.DiscoveryDocument;
import dev.identity.core.KeySet;
import dev.identity.core.ValidatedToken;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coalescing of the unknown-{@code kid} refresh, against a real provider over HTTP: once
 * the provider has rotated its signing key, a thousand concurrent validations of tokens
 * signed with the new key cost the provider exactly one JWK set request, with blocking as
 * with reactive callers, and every token validates.
 * <p>
 * The JWK set request is held at the client until the first wave of callers (every pool
 * thread, or every reactive subscriber) has started validating, so those callers are
 * known to meet the refresh while it is in flight. Were the refresh not shared, each of
 * them would send a request of its own and the provider would count one request per
 * caller of the wave (64 or 1,000) instead of one.
 */
class KeyRotationConcurrencyTests {

	private static final int CALLERS = 1000;

	private static final int THREADS = 64;

	private static final int TOKENS = 20;

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	@Test
	void validateWhenThousandBlockingCallersMeetRotatedKeyThenOneJwksFetchAndAllValid() throws Exception {
		try (TestClients clients = new TestClients(provider.issuer(), TestProvider.CLIENT_ID)) {
			String newKid = rotateAfterWarmUp(clients);
			List<String> tokens = newKidTokens();
			JwksGate gate = new JwksGate(jwksUri(clients), THREADS);
			OAuthClient blocking = new OAuthClient(clients.engine,
					RestClient.builder()
						.requestFactory(new JdkClientHttpRequestFactory())
						.requestInterceptor(gate)
						.build());
			List<ValidatedToken> validated = new ArrayList<>(CALLERS);
			ExecutorService pool = Executors.newFixedThreadPool(THREADS);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<ValidatedToken>> results = new ArrayList<>(CALLERS);
				for (int i = 0; i < CALLERS; i++) {
					String token = tokens.get(i % TOKENS);
					results.add(pool.submit(() -> {
						start.await();
						gate.arrive();
						return blocking.validate(token);
					}));
				}
				start.countDown();
				for (Future<ValidatedToken> result : results) {
					validated.add(result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(validated).hasSize(CALLERS)
				.allSatisfy((token) -> assertThat(token.getKeyId()).isEqualTo(newKid));
			assertFetchedOnceWhileWaveWaited(gate);
		}
	}

	@Test
	void validateWhenThousandReactiveCallersMeetRotatedKeyThenOneJwksFetchAndAllValid() {
		try (TestClients clients = new TestClients(provider.issuer(), TestProvider.CLIENT_ID)) {
			String newKid = rotateAfterWarmUp(clients);
			List<String> tokens = newKidTokens();
			JwksGate gate = new JwksGate(jwksUri(clients), CALLERS);
			ReactiveOAuthClient reactive = new ReactiveOAuthClient(clients.engine,
					WebClient.builder().filter(gate).build(), TIMEOUT);
			Set<String> threads = ConcurrentHashMap.newKeySet();
			Flux<ValidatedToken> validations = Flux.range(0, CALLERS).flatMap((i) -> Mono.defer(() -> {
				gate.arrive();
				return reactive.validate(tokens.get(i % TOKENS));
			}).doOnNext((token) -> threads.add(Thread.currentThread().getName())), CALLERS);
			StepVerifier.create(validations)
				.recordWith(ArrayList::new)
				.expectNextCount(CALLERS)
				.consumeRecordedWith((validated) -> assertThat(validated)
					.allSatisfy((token) -> assertThat(token.getKeyId()).isEqualTo(newKid)))
				.expectComplete()
				.verify(TIMEOUT);
			assertFetchedOnceWhileWaveWaited(gate);
			// The subscribers that waited for the keys had their tokens verified on the
			// parallel scheduler, not in a row on the event loop that received the key
			// set. The last subscriber opens the gate before it calls validate, so it may
			// find the keys there already and verify on its own thread (main).
			assertThat(threads).anyMatch((name) -> name.startsWith("parallel-"))
				.allMatch((name) -> name.startsWith("parallel-") || name.equals("main"),
						"a parallel thread, or the subscribing thread");
		}
	}

	@Test
	void validateWhenBlockingCallerWaitsForAnotherCallersRefreshThenItVerifiesOnItsOwnThread() throws Exception {
		try (TestClients clients = new TestClients(provider.issuer(), TestProvider.CLIENT_ID)) {
			String newKid = rotateAfterWarmUp(clients);
			List<String> tokens = newKidTokens();
			// Opened by the third arrival: the fetching caller's, the waiting caller's,
			// and this test's.
			JwksGate gate = new JwksGate(jwksUri(clients), 3);
			OAuthClient blocking = new OAuthClient(clients.engine,
					RestClient.builder()
						.requestFactory(new JdkClientHttpRequestFactory())
						.requestInterceptor(gate)
						.build());
			ExecutorService fetching = Executors.newSingleThreadExecutor();
			ExecutorService waiting = Executors.newSingleThreadExecutor();
			try {
				Future<ValidatedToken> fetched = fetching.submit(() -> {
					gate.arrive();
					return blocking.validate(tokens.get(0));
				});
				awaitCondition(() -> gate.requests() == 1, "the first caller's JWK set request reached the gate");
				AtomicReference<Thread> waiter = new AtomicReference<>();
				Future<ValidatedToken> waited = waiting.submit(() -> {
					waiter.set(Thread.currentThread());
					gate.arrive();
					return blocking.validate(tokens.get(1));
				});
				// The second caller has met the refresh in flight and is waiting for it.
				awaitCondition(() -> waiter.get() != null && waiter.get().getState() == Thread.State.WAITING,
						"the second caller waits for the shared refresh");
				clients.clock.recordReaders();
				gate.arrive();

				assertThat(fetched.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).getKeyId()).isEqualTo(newKid);
				assertThat(waited.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).getKeyId()).isEqualTo(newKid);
				// Its token was checked (the clock read for its time window) on its own
				// thread, not on
				// the thread that fetched the keys.
				assertThat(clients.clock.readers()).contains(waiter.get());
			}
			finally {
				fetching.shutdownNow();
				waiting.shutdownNow();
			}
			assertThat(gate.requests()).isOne();
		}
	}

	private static void awaitCondition(BooleanSupplier condition, String description) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waiting until " + description).isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

	/**
	 * Validate a token of the current key, so that discovery and the key set are cached,
	 * then rotate the provider's key and let the minimum refresh interval pass.
	 * @return the new key's {@code kid}, not yet in the cached set
	 */
	private static String rotateAfterWarmUp(TestClients clients) {
		assertThat(clients.blocking.validate(provider.clientCredentialsToken()).getKeyId())
			.isEqualTo(provider.currentKeyId());
		String newKid = provider.rotateKey();
		provider.resetCounts();
		// The warm-up fetched the set a moment ago; until the interval passes an unknown
		// kid is refused.
		clients.clock.advance(TestClients.MINIMUM_REFRESH_INTERVAL);
		KeySet cached = clients.engine.cachedKeys();
		assertThat(cached).isNotNull();
		assertThat(cached.contains(newKid)).isFalse();
		return newKid;
	}

	/** Distinct access tokens, all signed with the provider's current key. */
	private static List<String> newKidTokens() {
		List<String> tokens = new ArrayList<>(TOKENS);
		for (int i = 0; i < TOKENS; i++) {
			tokens.add(provider.clientCredentialsToken());
		}
		assertThat(tokens).doesNotHaveDuplicates();
		return tokens;
	}

	private static URI jwksUri(TestClients clients) {
		DiscoveryDocument discovery = clients.engine.cachedDiscovery();
		assertThat(discovery).isNotNull();
		return discovery.getJwksUri();
	}

	private static void assertFetchedOnceWhileWaveWaited(JwksGate gate) {
		assertThat(gate.heldUntilWaveArrived()).as("the first wave of callers started before the keys arrived")
			.isTrue();
		assertThat(gate.requests()).as("JWK set requests sent by the client").isOne();
		assertThat(provider.jwksRequests()).as("JWK set requests served by the provider").isOne();
		assertThat(provider.discoveryRequests()).isZero();
	}

	/**
	 * Holds the JWK set request at the client until a given number of callers have
	 * started validating, and counts the JWK set requests that go through it. Other
	 * requests pass untouched.
	 */
	private static final class JwksGate implements ClientHttpRequestInterceptor, ExchangeFilterFunction {

		private final URI jwksUri;

		private final int wave;

		private final AtomicInteger arrived = new AtomicInteger();

		private final CompletableFuture<Void> open = new CompletableFuture<>();

		private final AtomicInteger requests = new AtomicInteger();

		private final AtomicBoolean heldUntilWaveArrived = new AtomicBoolean(true);

		JwksGate(URI jwksUri, int wave) {
			this.jwksUri = jwksUri;
			this.wave = wave;
		}

		/** A caller is about to validate. */
		void arrive() {
			if (this.arrived.incrementAndGet() == this.wave) {
				this.open.complete(null);
			}
		}

		int requests() {
			return this.requests.get();
		}

		boolean heldUntilWaveArrived() {
			return this.heldUntilWaveArrived.get();
		}

		@Override
		public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
				throws IOException {
			if (this.jwksUri.equals(request.getURI())) {
				this.requests.incrementAndGet();
				try {
					this.open.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				}
				catch (TimeoutException | ExecutionException ex) {
					this.heldUntilWaveArrived.set(false);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException(ex);
				}
			}
			return execution.execute(request, body);
		}

		@Override
		public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
			if (!this.jwksUri.equals(request.url())) {
				return next.exchange(request);
			}
			this.requests.incrementAndGet();
			return Mono.fromFuture(this.open, true).timeout(TIMEOUT).onErrorResume(TimeoutException.class, (ex) -> {
				this.heldUntilWaveArrived.set(false);
				return Mono.empty();
			}).then(Mono.defer(() -> next.exchange(request)));
		}

	}

}
