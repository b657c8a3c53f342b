package dev.identity.core;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every transition of the cache state machine, on simulated time.
 */
class CacheStateTests {

	private static final Instant T0 = Instant.parse("2030-06-01T12:00:00Z");

	private static final Duration TTL = Duration.ofMinutes(10);

	/** Refresh ahead 1 min, at most one fetch per 30 s, stale values served up to 10 min after expiry. */
	private static final CacheSettings SETTINGS = new CacheSettings(TTL, Duration.ofMinutes(5), Duration.ofHours(1),
			Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(10));

	private static final IdentityException DOWN = new IdentityProviderException("jwks",
			URI.create("https://idp.example.com/jwks"), "connection refused");

	private static final Instant FRESH_UNTIL = T0.plus(TTL);

	private final CacheState<String> fetched = CacheState.<String>empty().succeeded("keys", T0, TTL);

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
	void decideWhenInsideRefreshAheadWindowButAttemptedWithinMinimumIntervalThenUse() {
		Instant refreshStarted = FRESH_UNTIL.minusSeconds(50);
		CacheState<String> refreshFailed = this.fetched.failed(refreshStarted, DOWN);
		assertThat(refreshFailed.decide(refreshStarted.plusSeconds(29), SETTINGS)).isEqualTo(CacheState.Decision.USE);
		assertThat(refreshFailed.decide(refreshStarted.plusSeconds(30), SETTINGS))
			.isEqualTo(CacheState.Decision.USE_AND_REFRESH);
	}

	@Test
	void decideWhenWholeLifetimeInsideRefreshWindowThenRefreshOnlyAfterMinimumInterval() {
		// A value whose whole life lies in the refresh window must not be refreshed right after its fetch.
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
		CacheState<String> failed = this.fetched.failed(attempt, DOWN);
		assertThat(failed.decide(attempt.plusSeconds(10), SETTINGS)).isEqualTo(CacheState.Decision.USE_STALE);
	}

	@Test
	void decideWhenExpiredAndFailedRecentlyBeyondOutageToleranceThenFail() {
		Instant attempt = FRESH_UNTIL.plus(Duration.ofMinutes(10)).minusSeconds(5);
		CacheState<String> failed = this.fetched.failed(attempt, DOWN);
		assertThat(failed.decide(attempt.plusSeconds(4), SETTINGS)).isEqualTo(CacheState.Decision.USE_STALE);
		assertThat(failed.decide(attempt.plusSeconds(5), SETTINGS)).isEqualTo(CacheState.Decision.FAIL);
		assertThat(failed.decide(attempt.plusSeconds(20), SETTINGS)).isEqualTo(CacheState.Decision.FAIL);
		assertThat(failed.lastFailure()).isSameAs(DOWN);
	}

	@Test
	void decideWhenExpiredAndFailedLongAgoThenFetch() {
		Instant attempt = FRESH_UNTIL.plusSeconds(5);
		CacheState<String> failed = this.fetched.failed(attempt, DOWN);
		assertThat(failed.decide(attempt.plusSeconds(30), SETTINGS)).isEqualTo(CacheState.Decision.FETCH);
		assertThat(failed.decide(attempt.plus(Duration.ofHours(2)), SETTINGS)).isEqualTo(CacheState.Decision.FETCH);
	}

	@Test
	void decideWhenEmptyAndFailedRecentlyThenFail() {
		CacheState<String> failed = CacheState.<String>empty().failed(T0, DOWN);
		assertThat(failed.decide(T0, SETTINGS)).isEqualTo(CacheState.Decision.FAIL);
		assertThat(failed.decide(T0.plusSeconds(29), SETTINGS)).isEqualTo(CacheState.Decision.FAIL);
	}

	@Test
	void decideWhenEmptyAndFailedLongAgoThenFetch() {
		CacheState<String> failed = CacheState.<String>empty().failed(T0, DOWN);
		assertThat(failed.decide(T0.plusSeconds(30), SETTINGS)).isEqualTo(CacheState.Decision.FETCH);
	}

	@Test
	void failedThenKeepsLastGoodValueAndExpiry() {
		Instant attempt = T0.plusSeconds(100);
		CacheState<String> failed = this.fetched.failed(attempt, DOWN);
		assertThat(failed.value()).isEqualTo("keys");
		assertThat(failed.freshUntil()).isEqualTo(FRESH_UNTIL);
		assertThat(failed.lastAttemptAt()).isEqualTo(attempt);
		assertThat(failed.lastFailure()).isSameAs(DOWN);
		assertThat(failed.decide(attempt.plusSeconds(1), SETTINGS)).isEqualTo(CacheState.Decision.USE);
	}

	@Test
	void succeededThenClearsFailureAndSetsExpiry() {
		Instant attempt = T0.plusSeconds(100);
		CacheState<String> recovered = this.fetched.failed(T0.plusSeconds(50), DOWN)
			.succeeded("new keys", attempt, Duration.ofMinutes(7));
		assertThat(recovered.value()).isEqualTo("new keys");
		assertThat(recovered.freshUntil()).isEqualTo(attempt.plus(Duration.ofMinutes(7)));
		assertThat(recovered.lastAttemptAt()).isEqualTo(attempt);
		assertThat(recovered.lastFailure()).isNull();
	}

	@Test
	void mayFetchWhenWithinMinimumRefreshIntervalThenFalse() {
		assertThat(this.fetched.mayFetch(T0, SETTINGS)).isFalse();
		assertThat(this.fetched.mayFetch(T0.plusSeconds(29), SETTINGS)).isFalse();
		assertThat(this.fetched.mayFetch(T0.plusSeconds(30), SETTINGS)).isTrue();
	}

	@Test
	void nextFetchAllowedAtThenLastAttemptPlusMinimumInterval() {
		assertThat(this.fetched.nextFetchAllowedAt(SETTINGS)).isEqualTo(T0.plusSeconds(30));
		assertThat(this.fetched.failed(T0.plusSeconds(100), DOWN).nextFetchAllowedAt(SETTINGS))
			.isEqualTo(T0.plusSeconds(130));
	}

	// Possible when minimum-refresh-interval exceeds minimum-ttl: the interval still bounds the fetches.
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

}
