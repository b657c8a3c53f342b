package dev.identity.engine.internal.cache;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import dev.identity.core.IdentityException;
import dev.identity.core.IdentityProviderException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every transition of the cache state machine, on simulated time.
 */
class CacheStateTests {

	private static final Instant T0 = Instant.parse("2030-06-01T12:00:00Z");

	private static final Duration TTL = Duration.ofMinutes(10);

	/**
	 * Refresh ahead 1 min, at most one fetch per 30 s, stale values served up to 10 min
	 * after expiry.
	 */
	private static final CacheSettings SETTINGS = new CacheSettings(TTL, Duration.ofMinutes(5), Duration.ofHours(1),
			Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(10));

	private static final IdentityException DOWN = new IdentityProviderException("jwks",
			URI.create("https://idp.example.com/jwks"), "connection refused");

	private static final Instant FRESH_UNTIL = T0.plus(TTL);

	private final CacheState<String> fetched = CacheState.<String>empty().succeeded("keys", T0, TTL);

	/**
	 * A failed fetch that ended as it started, with no jitter: the back-off is exactly
	 * one second.
	 */
	private static CacheState<String> failedAt(CacheState<String> state, Instant at) {
		return state.failed(at, at, DOWN, SETTINGS, 0.0);
	}

	@Test
	void decideWhenEmptyThenFetch() {
		CacheState<String> empty = CacheState.empty();
		assertThat(empty.decide(T0, SETTINGS)).isEqualTo(CacheState.Decision.FETCH);
		assertThat(empty.value()).isNull();
		assertThat(empty.mayFetch(T0, SETTINGS)).isTrue();
		assertThat(empty.nextFetchAllowedAt(SETTINGS)).isEqualTo(Instant.MIN);
	}

	@Test
	void decideWhenFreshThenUse() {
		assertThat(this.fetched.decide(T0, SETTINGS)).isEqualTo(CacheState.Decision.USE);
		assertThat(this.fetched.decide(T0.plusSeconds(60), SETTINGS)).isEqualTo(CacheState.Decision.USE);
	}

	@Test
	void decideWhenJustBeforeRefreshAheadWindowThenUse() {
		assertThat(this.fetched.decide(FRESH_UNTIL.minusSeconds(61), SETTINGS)).isEqualTo(CacheState.Decision.USE);
	}

	@Test
	void decideWhenInsideRefreshAheadWindowThenUseAndRefresh() {
		assertThat(this.fetched.decide(FRESH_UNTIL.minusSeconds(60), SETTINGS))
			.isEqualTo(CacheState.Decision.USE_AND_REFRESH);
		assertThat(this.fetched.decide(FRESH_UNTIL.minusSeconds(1), SETTINGS))
			.isEqualTo(CacheState.Decision.USE_AND_REFRESH);
	}

	@Test
	void decideWhenInsideRefreshAheadWindowButFailedWithinBackoffThenUse() {
		Instant refreshStarted = FRESH_UNTIL.minusSeconds(50);
		CacheState<String> refreshFailed = failedAt(this.fetched, refreshStarted);
		assertThat(refreshFailed.decide(refreshStarted.plusMillis(999), SETTINGS)).isEqualTo(CacheState.Decision.USE);
		assertThat(refreshFailed.decide(refreshStarted.plusSeconds(1), SETTINGS))
			.isEqualTo(CacheState.Decision.USE_AND_REFRESH);
	}

	@Test
	void decideWhenWholeLifetimeInsideRefreshWindowThenRefreshOnlyAfterMinimumInterval() {
		// A value whose whole life lies in the refresh window must not be refreshed right
		// after its fetch.
		CacheState<String> shortLived = CacheState.<String>empty().succeeded("keys", T0, Duration.ofSeconds(40));
		assertThat(shortLived.decide(T0.plusSeconds(10), SETTINGS)).isEqualTo(CacheState.Decision.USE);
		assertThat(shortLived.decide(T0.plusSeconds(30), SETTINGS)).isEqualTo(CacheState.Decision.USE_AND_REFRESH);
	}

	@Test
	void decideWhenExpiredThenFetch() {
		assertThat(this.fetched.decide(FRESH_UNTIL, SETTINGS)).isEqualTo(CacheState.Decision.FETCH);
		assertThat(this.fetched.decide(FRESH_UNTIL.plus(Duration.ofDays(1)), SETTINGS))
			.isEqualTo(CacheState.Decision.FETCH);
	}

	@Test
	void decideWhenExpiredAndFailedRecentlyWithinOutageToleranceThenUseStale() {
		Instant attempt = FRESH_UNTIL.plusSeconds(5);
		CacheState<String> failed = failedAt(this.fetched, attempt);
		assertThat(failed.decide(attempt.plusMillis(500), SETTINGS)).isEqualTo(CacheState.Decision.USE_STALE);
	}

	@Test
	void decideWhenExpiredAndFailedRecentlyBeyondOutageToleranceThenFail() {
		Instant attempt = FRESH_UNTIL.plus(Duration.ofMinutes(10)).minusMillis(500);
		CacheState<String> failed = failedAt(this.fetched, attempt);
		assertThat(failed.decide(attempt.plusMillis(499), SETTINGS)).isEqualTo(CacheState.Decision.USE_STALE);
		assertThat(failed.decide(attempt.plusMillis(500), SETTINGS)).isEqualTo(CacheState.Decision.FAIL);
		assertThat(failed.decide(attempt.plusMillis(999), SETTINGS)).isEqualTo(CacheState.Decision.FAIL);
		assertThat(failed.lastFailure()).isSameAs(DOWN);
	}

	@Test
	void decideWhenExpiredAndFailedLongAgoThenFetch() {
		Instant attempt = FRESH_UNTIL.plusSeconds(5);
		CacheState<String> failed = failedAt(this.fetched, attempt);
		assertThat(failed.decide(attempt.plusSeconds(1), SETTINGS)).isEqualTo(CacheState.Decision.FETCH);
		assertThat(failed.decide(attempt.plus(Duration.ofHours(2)), SETTINGS)).isEqualTo(CacheState.Decision.FETCH);
	}

	@Test
	void decideWhenEmptyAndFailedRecentlyThenFail() {
		CacheState<String> failed = failedAt(CacheState.empty(), T0);
		assertThat(failed.decide(T0, SETTINGS)).isEqualTo(CacheState.Decision.FAIL);
		assertThat(failed.decide(T0.plusMillis(999), SETTINGS)).isEqualTo(CacheState.Decision.FAIL);
	}

	@Test
	void decideWhenEmptyAndFailedLongAgoThenFetch() {
		CacheState<String> failed = failedAt(CacheState.empty(), T0);
		assertThat(failed.decide(T0.plusSeconds(1), SETTINGS)).isEqualTo(CacheState.Decision.FETCH);
	}

	@Test
	void failedThenKeepsLastGoodValueAndExpiry() {
		Instant attempt = T0.plusSeconds(100);
		CacheState<String> failed = failedAt(this.fetched, attempt);
		assertThat(failed.value()).isEqualTo("keys");
		assertThat(failed.freshUntil()).isEqualTo(FRESH_UNTIL);
		assertThat(failed.lastAttemptAt()).isEqualTo(attempt);
		assertThat(failed.lastFailure()).isSameAs(DOWN);
		assertThat(failed.failures()).isOne();
		assertThat(failed.retryAt()).isEqualTo(attempt.plusSeconds(1));
		assertThat(failed.decide(attempt.plusSeconds(1), SETTINGS)).isEqualTo(CacheState.Decision.USE);
	}

	@Test
	void succeededThenClearsFailureAndSetsExpiry() {
		Instant attempt = T0.plusSeconds(100);
		CacheState<String> recovered = failedAt(failedAt(this.fetched, T0.plusSeconds(50)), T0.plusSeconds(60))
			.succeeded("new keys", attempt, Duration.ofMinutes(7));
		assertThat(recovered.value()).isEqualTo("new keys");
		assertThat(recovered.freshUntil()).isEqualTo(attempt.plus(Duration.ofMinutes(7)));
		assertThat(recovered.lastAttemptAt()).isEqualTo(attempt);
		assertThat(recovered.lastFailure()).isNull();
		assertThat(recovered.failures()).isZero();
		assertThat(recovered.retryAt()).isNull();
		// The next failure starts the back-off from one second again.
		assertThat(failedAt(recovered, attempt.plusSeconds(600)).retryAt()).isEqualTo(attempt.plusSeconds(601));
	}

	@Test
	void mayFetchWhenWithinMinimumRefreshIntervalThenFalse() {
		assertThat(this.fetched.mayFetch(T0, SETTINGS)).isFalse();
		assertThat(this.fetched.mayFetch(T0.plusSeconds(29), SETTINGS)).isFalse();
		assertThat(this.fetched.mayFetch(T0.plusSeconds(30), SETTINGS)).isTrue();
	}

	@Test
	void nextFetchAllowedAtWhenSucceededThenLastAttemptPlusMinimumIntervalAndWhenFailedThenBackoff() {
		assertThat(this.fetched.nextFetchAllowedAt(SETTINGS)).isEqualTo(T0.plusSeconds(30));
		assertThat(failedAt(this.fetched, T0.plusSeconds(100)).nextFetchAllowedAt(SETTINGS))
			.isEqualTo(T0.plusSeconds(101));
	}

	// Possible when minimum-refresh-interval exceeds minimum-ttl: the interval still
	// bounds the fetches.
	@Test
	void decideWhenExpiredButFetchedWithinMinimumRefreshIntervalThenUse() {
		CacheSettings settings = new CacheSettings(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofHours(1),
				Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(10));
		CacheState<String> state = CacheState.<String>empty().succeeded("keys", T0, settings.ttl("no-store"));
		Instant now = T0.plus(Duration.ofMinutes(2));
		assertThat(state.mayFetch(now, settings)).isFalse();
		assertThat(state.decide(now, settings)).isEqualTo(CacheState.Decision.USE);
		assertThat(state.decide(T0.plus(Duration.ofMinutes(5)), settings)).isEqualTo(CacheState.Decision.FETCH);
	}

	@Test
	void failedWhenFailuresInARowThenBackoffDoublesFromOneSecondUpToMinimumRefreshInterval() {
		CacheState<String> state = CacheState.empty();
		Instant at = T0;
		long[] expected = { 1, 2, 4, 8, 16, 30, 30, 30 };
		for (long seconds : expected) {
			state = failedAt(state, at);
			assertThat(Duration.between(at, state.retryAt())).isEqualTo(Duration.ofSeconds(seconds));
			assertThat(state.decide(state.retryAt().minusMillis(1), SETTINGS)).isEqualTo(CacheState.Decision.FAIL);
			assertThat(state.decide(state.retryAt(), SETTINGS)).isEqualTo(CacheState.Decision.FETCH);
			at = state.retryAt();
		}
		assertThat(state.failures()).isEqualTo(expected.length);
	}

	@Test
	void failedWhenRandomThenBackoffShortenedByAtMostAQuarter() {
		CacheState<String> early = CacheState.<String>empty().failed(T0, T0, DOWN, SETTINGS, 0.999_999);
		assertThat(Duration.between(T0, early.retryAt())).isBetween(Duration.ofMillis(750), Duration.ofMillis(751));
		CacheState<String> middle = CacheState.<String>empty().failed(T0, T0, DOWN, SETTINGS, 0.5);
		assertThat(Duration.between(T0, middle.retryAt())).isEqualTo(Duration.ofMillis(875));
	}

	@Test
	void failedWhenFetchTookLongThenBackoffCountsFromItsEnd() {
		Instant ended = T0.plusSeconds(10);
		CacheState<String> failed = CacheState.<String>empty().failed(T0, ended, DOWN, SETTINGS, 0.0);
		assertThat(failed.lastAttemptAt()).isEqualTo(T0);
		assertThat(failed.retryAt()).isEqualTo(ended.plusSeconds(1));
		assertThat(failed.decide(ended.plusMillis(500), SETTINGS)).isEqualTo(CacheState.Decision.FAIL);
	}

	@Test
	void usableWhileProviderFailsWhenFreshOrWithinOutageToleranceThenTrue() {
		assertThat(CacheState.<String>empty().usableWhileProviderFails(T0, SETTINGS)).isFalse();
		assertThat(this.fetched.usableWhileProviderFails(T0, SETTINGS)).isTrue();
		assertThat(this.fetched.usableWhileProviderFails(FRESH_UNTIL.plus(Duration.ofMinutes(10)).minusMillis(1),
				SETTINGS))
			.isTrue();
		assertThat(this.fetched.usableWhileProviderFails(FRESH_UNTIL.plus(Duration.ofMinutes(10)), SETTINGS)).isFalse();
	}

}
