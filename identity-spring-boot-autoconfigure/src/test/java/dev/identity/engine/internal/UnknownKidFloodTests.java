package dev.identity.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.ValidatedToken;
import dev.identity.engine.internal.cache.CacheSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The minimum refresh interval of the JWK set under attack. A flood of tokens naming
 * random {@code kid}s the provider never issued, one per millisecond of simulated time
 * for ten seconds, costs the provider at most one JWK set request per interval (plus
 * one), where a fetch per forged token would cost thousands. Every forged token is
 * refused as an invalid token, never as a provider failure, even while the provider
 * fails; tokens of known keys keep validating throughout; and a genuine rotation during
 * the flood is still picked up within one interval, so the limit is a rate and not a
 * lock-out.
 * <p>
 * Background refreshes queued by the engine are run after every token, as a real executor
 * would run them, and their requests count against the bound too.
 */
class UnknownKidFloodTests {

	private static final int FLOOD = 10_000;

	private static final Duration STEP = Duration.ofMillis(1);

	private static final Duration SPAN = STEP.multipliedBy(FLOOD);

	private static final int VALID_EVERY = 100;

	static Stream<Arguments> floods() {
		return Stream.of(Arguments.of(EngineFixture.MINIMUM_REFRESH_INTERVAL, false),
				Arguments.of(Duration.ofSeconds(1), false), Arguments.of(Duration.ofMillis(100), false),
				Arguments.of(Duration.ofSeconds(1), true), Arguments.of(Duration.ofMillis(100), true));
	}

	@ParameterizedTest(name = "minimum refresh interval {0}, provider failing: {1}")
	@MethodSource("floods")
	void validateWhenFloodOfRandomUnknownKidsThenFetchesBoundedByMinimumRefreshInterval(Duration interval,
			boolean providerFailing) {
		EngineFixture fixture = withMinimumRefreshInterval(interval).warm();
		Duration minimum = fixture.engine.getSettings().jwksCache().minimumRefreshInterval();
		int before = fixture.provider.jwksRequests();
		if (providerFailing) {
			fixture.provider.reply(fixture.provider.jwksUri(), ScriptedProvider.Reply.status(500));
		}
		Random random = new Random(20260202L + interval.toMillis());

		for (int i = 1; i <= FLOOD; i++) {
			fixture.clock.advance(STEP);
			assertRejectedForUnknownKey(fixture, forged(fixture, random), i);
			if (i % VALID_EVERY == 0) {
				assertThat(fixture.validate(TestTokens.FIRST).getKeyId()).as("valid token after forged token %d", i)
					.isEqualTo("first");
			}
			fixture.background.runAll();
		}

		int fetches = fixture.provider.jwksRequests() - before;
		long allowed = SPAN.dividedBy(minimum);
		assertThat(fetches).as("JWK set requests during %s of flood, at most one per %s", SPAN, minimum)
			.isLessThanOrEqualTo((int) (1 + allowed));
		// A fetch may start as soon as the interval has passed: the limit is a rate, not
		// a ban.
		assertThat(fetches).as("JWK set requests once each interval had passed")
			.isGreaterThanOrEqualTo((int) Math.max(0, allowed - 1));
		// Without the limit every forged token would fetch; the bound is far below that.
		assertThat(1 + allowed).isLessThan(FLOOD / 10);
		assertThat(fixture.provider.discoveryRequests()).isOne();
	}

	@Test
	void validateWhenKeyRotatesDuringFloodThenNewKidValidatesWithinOneMinimumRefreshInterval() {
		EngineFixture fixture = withMinimumRefreshInterval(Duration.ofSeconds(1)).warm();
		Duration minimum = fixture.engine.getSettings().jwksCache().minimumRefreshInterval();
		Random random = new Random(20260203L);
		Instant rotatedAt = null;
		Instant firstAccepted = null;

		for (int i = 1; i <= FLOOD; i++) {
			fixture.clock.advance(STEP);
			assertRejectedForUnknownKey(fixture, forged(fixture, random), i);
			if (i == FLOOD / 2) {
				// Worst case: the forged token just before fetched the set, so the next
				// fetch must wait a
				// whole interval.
				fixture.provider.serveKeys(TestTokens.FIRST, TestTokens.SECOND);
				rotatedAt = fixture.clock.instant();
			}
			if (rotatedAt != null && i % VALID_EVERY == 0) {
				Instant now = fixture.clock.instant();
				CompletableFuture<ValidatedToken> rotated = fixture.engine
					.validate(fixture.tokens.signedBy(TestTokens.SECOND), fixture.fetcher);
				assertThat(rotated).isDone();
				if (rotated.isCompletedExceptionally()) {
					// Refused only until an interval has passed since the flood's last
					// fetch; once accepted,
					// always accepted.
					assertThat(firstAccepted).as("new key refused at %s after being accepted", now).isNull();
					assertThat(now).isBefore(rotatedAt.plus(minimum));
					assertThat(EngineFixture.failureOf(rotated)).isInstanceOfSatisfying(InvalidTokenException.class,
							(invalid) -> assertThat(invalid.hasFailed(TokenCheck.KEY)).isTrue());
				}
				else {
					assertThat(rotated.join().getKeyId()).isEqualTo("second");
					firstAccepted = (firstAccepted != null) ? firstAccepted : now;
				}
				assertThat(fixture.validate(TestTokens.FIRST).getKeyId()).isEqualTo("first");
			}
			fixture.background.runAll();
		}

		assertThat(firstAccepted).isNotNull().isBeforeOrEqualTo(rotatedAt.plus(minimum));
	}

	/**
	 * The fixture's engine, but with the given minimum refresh interval for the JWK set.
	 */
	private static EngineFixture withMinimumRefreshInterval(Duration interval) {
		CacheSettings defaults = EngineFixture.JWKS_CACHE;
		CacheSettings jwks = new CacheSettings(defaults.defaultTtl(), defaults.minimumTtl(), defaults.maximumTtl(),
				defaults.refreshAhead(), interval, defaults.outageTolerance());
		return new EngineFixture(new ScriptedProvider(), EngineFixture.DISCOVERY_CACHE, jwks);
	}

	private static String forged(EngineFixture fixture, Random random) {
		return fixture.tokens.forged("forged-" + Long.toHexString(random.nextLong()), random);
	}

	private static void assertRejectedForUnknownKey(EngineFixture fixture, String token, int index) {
		assertThat(fixture.rejection(token)).as("forged token %d", index)
			.isNotInstanceOf(IdentityProviderException.class)
			.isInstanceOfSatisfying(InvalidTokenException.class,
					(invalid) -> assertThat(invalid.hasFailed(TokenCheck.KEY)).as(invalid.getMessage()).isTrue());
	}

}
