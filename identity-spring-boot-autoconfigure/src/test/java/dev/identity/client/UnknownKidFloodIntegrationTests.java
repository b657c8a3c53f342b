package dev.identity.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.TokenCheck;
import dev.identity.core.ValidationPolicy;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.cache.CacheSettings;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The minimum refresh interval of the JWK set, in real time against a real provider over
 * HTTP: a burst of tokens naming random {@code kid}s the provider never issued, sent as
 * fast as eight threads can, costs the provider at most one JWK set request per interval
 * over the burst's duration (plus one, plus one for slack). Every forged token is refused
 * as an invalid token, and a token of the provider's key validates right after without
 * another request.
 * <p>
 * The engine's clock is real elapsed time ({@link System#nanoTime()}, so it never goes
 * backwards) and the test reads the burst's duration from the same clock; the bound is
 * then exact whatever the machine's speed. Without the limit each forged token would
 * fetch the set (several times over the rounds of one validation), one request after
 * another, and the count would exceed the bound by the ratio of the interval to a
 * request's duration on loopback.
 */
class UnknownKidFloodIntegrationTests {

	private static final Duration MINIMUM_REFRESH_INTERVAL = Duration.ofMillis(200);

	private static final int FORGED = 2000;

	private static final int THREADS = 8;

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	@Test
	void validateWhenBurstOfRandomUnknownKidsThenFetchesBoundedByElapsedTimeOverMinimumRefreshInterval()
			throws Exception {
		ElapsedClock clock = new ElapsedClock();
		IdentityEngine engine = new IdentityEngine(settings(), clock);
		try {
			OAuthClient blocking = new OAuthClient(engine,
					RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()).build());
			String valid = provider.clientCredentialsToken();
			assertThat(blocking.validate(valid).getKeyId()).isEqualTo(provider.currentKeyId());
			List<String> forged = forgedTokens(new Random(20260204L));
			provider.resetCounts();
			// The warm-up's fetch is now an interval old: the burst's first forged token
			// may fetch.
			clock.skip(engine.getSettings().jwksCache().minimumRefreshInterval());

			ExecutorService pool = Executors.newFixedThreadPool(THREADS);
			Instant started;
			Instant finished;
			List<String> unexpected = new ArrayList<>();
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<List<String>>> results = new ArrayList<>(THREADS);
				for (int thread = 0; thread < THREADS; thread++) {
					List<String> share = forged.subList(thread * FORGED / THREADS, (thread + 1) * FORGED / THREADS);
					results.add(pool.submit(() -> {
						start.await();
						return rejectAll(blocking, share);
					}));
				}
				started = clock.instant();
				start.countDown();
				for (Future<List<String>> result : results) {
					unexpected.addAll(result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
				}
				finished = clock.instant();
			}
			finally {
				pool.shutdownNow();
			}

			assertThat(unexpected).as("forged tokens not refused for an unknown key").isEmpty();
			Duration elapsed = Duration.between(started, finished);
			Duration minimum = engine.getSettings().jwksCache().minimumRefreshInterval();
			long bound = 1 + elapsed.dividedBy(minimum) + 1;
			int fetches = provider.jwksRequests();
			assertThat(fetches)
				.as("JWK set requests during a burst of %d ms, at most one per %d ms", elapsed.toMillis(),
						minimum.toMillis())
				.isBetween(1, (int) bound);
			assertThat(provider.discoveryRequests()).isZero();

			assertThat(blocking.validate(valid).getKeyId()).isEqualTo(provider.currentKeyId());
			ReactiveOAuthClient reactive = new ReactiveOAuthClient(engine, WebClient.create(), TIMEOUT);
			StepVerifier.create(reactive.validate(valid))
				.assertNext((validated) -> assertThat(validated.getSubject()).isEqualTo(TestProvider.CLIENT_ID))
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(provider.jwksRequests()).isEqualTo(fetches);
		}
		finally {
			engine.close();
		}
	}

	/**
	 * Validate each token and describe every outcome that is not a refusal for an unknown
	 * key.
	 * @return the descriptions, empty when all were refused as expected
	 */
	private static List<String> rejectAll(OAuthClient client, List<String> tokens) {
		List<String> unexpected = new ArrayList<>();
		for (String token : tokens) {
			Throwable failure = catchThrowable(() -> client.validate(token));
			if (!(failure instanceof InvalidTokenException invalid) || !invalid.hasFailed(TokenCheck.KEY)) {
				unexpected.add(String.valueOf(failure));
			}
		}
		return unexpected;
	}

	private static EngineSettings settings() {
		String issuer = provider.issuer();
		CacheSettings cache = new CacheSettings(Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(1), MINIMUM_REFRESH_INTERVAL, Duration.ofHours(6));
		return new EngineSettings(URI.create(issuer),
				ValidationPolicy.withIssuer(issuer)
					.audiences(List.of(TestProvider.CLIENT_ID))
					.algorithms(EnumSet.allOf(JwsAlgorithm.class))
					.build(),
				DiscoveryPolicy.STRICT, cache, cache);
	}

	/**
	 * Well-formed RS256 tokens for the provider's issuer and audience, each naming a
	 * random {@code kid} and carrying a random signature, as a forger without any key
	 * would send.
	 */
	private static List<String> forgedTokens(Random random) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		long expires = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
		String payload = encoder.encodeToString(("{\"iss\":\"" + provider.issuer() + "\",\"sub\":\"mallory\",\"aud\":\""
				+ TestProvider.CLIENT_ID + "\",\"exp\":" + expires + "}")
			.getBytes(StandardCharsets.UTF_8));
		List<String> tokens = new ArrayList<>(FORGED);
		byte[] signature = new byte[256];
		for (int i = 0; i < FORGED; i++) {
			String header = "{\"alg\":\"RS256\",\"kid\":\"forged-" + Long.toHexString(random.nextLong()) + "\"}";
			random.nextBytes(signature);
			tokens.add(encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + payload + "."
					+ encoder.encodeToString(signature));
		}
		assertThat(tokens).doesNotHaveDuplicates();
		return tokens;
	}

	/**
	 * Real elapsed time from a monotonic source, which a test can move ahead to stand for
	 * a wait without waiting.
	 */
	private static final class ElapsedClock extends Clock {

		private final Instant origin = Instant.now();

		private final long originNanos = System.nanoTime();

		private final AtomicLong skippedNanos = new AtomicLong();

		void skip(Duration duration) {
			this.skippedNanos.addAndGet(duration.toNanos());
		}

		@Override
		public Instant instant() {
			return this.origin.plusNanos(System.nanoTime() - this.originNanos + this.skippedNanos.get());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
