package dev.identity.engine.internal.cache;

import java.time.Duration;
import java.time.Instant;

import dev.identity.core.IdentityException;
import org.jspecify.annotations.Nullable;

/**
 * The state of one cached remote document (discovery or JWK set): the last good value,
 * when it expires, and the last attempt to fetch it. Immutable; each fetch produces a new
 * state. This file is the one place that decides whether to use, refresh or fetch.
 * <p>
 * After a successful fetch the next one waits for the minimum refresh interval. After a
 * failed one it waits for a back-off instead
 * ({@link CacheSettings#failureBackoff(int, double)}): about one second, doubling with
 * each further failure up to the minimum refresh interval, so a provider that is down
 * sees a handful of requests and one that comes back is used again within seconds.
 *
 * @param <T> the cached value
 * @param value the last good value, or {@code null} before the first success
 * @param freshUntil when the value expires
 * @param lastAttemptAt when the last fetch started, or {@code null} before the first
 * @param lastFailure why the last fetch failed, or {@code null} when it succeeded
 * @param failures how many fetches in a row have failed, {@code 0} after a success
 * @param retryAt after a failure, when the next fetch may start; {@code null} after a
 * success
 * @param fetchedAt when the fetch that gave the value started, or {@code null} before the
 * first success: the value's age counts from here
 * @param failingSince when the first of the failed fetches in a row started, or
 * {@code null} while the last fetch succeeded
 */
public record CacheState<T>(@Nullable T value, Instant freshUntil, @Nullable Instant lastAttemptAt,
		@Nullable IdentityException lastFailure, int failures, @Nullable Instant retryAt, @Nullable Instant fetchedAt,
		@Nullable Instant failingSince) {

	/** What a reader of the cache must do. */
	public enum Decision {

		/** The value is fresh: use it. */
		USE,
		/** Use the value, and refresh it in the background: it expires soon. */
		USE_AND_REFRESH,
		/**
		 * The value expired, the last fetch failed, and it is still within the outage
		 * tolerance.
		 */
		USE_STALE,
		/** Fetch now and wait: there is no usable value. */
		FETCH,
		/**
		 * Fail with {@link #lastFailure()}: the last fetch failed too recently to try
		 * again.
		 */
		FAIL

	}

	public static <T> CacheState<T> empty() {
		return new CacheState<>(null, Instant.MIN, null, null, 0, null, null, null);
	}

	/**
	 * The state after a successful fetch.
	 * @param value the fetched value
	 * @param startedAt when the fetch started
	 * @param ttl the value's lifetime
	 * @return the new state
	 */
	public CacheState<T> succeeded(T value, Instant startedAt, Duration ttl) {
		return new CacheState<>(value, startedAt.plus(ttl), startedAt, null, 0, null, startedAt, null);
	}

	/**
	 * The state after a failed fetch: the last good value is kept, and the next fetch
	 * waits for the back-off of one more failure in a row.
	 * @param startedAt when the fetch started
	 * @param endedAt when it ended; the back-off counts from here, so a fetch that hung
	 * until its deadline is not retried at once
	 * @param failure why it failed
	 * @param settings the cache settings, for the back-off
	 * @param random a value in {@code [0, 1)} that spreads the back-off of many instances
	 * @return the new state
	 */
	public CacheState<T> failed(Instant startedAt, Instant endedAt, IdentityException failure, CacheSettings settings,
			double random) {
		int failuresInARow = (this.failures < Integer.MAX_VALUE) ? this.failures + 1 : this.failures;
		Instant later = endedAt.isBefore(startedAt) ? startedAt : endedAt;
		return new CacheState<>(this.value, this.freshUntil, startedAt, failure, failuresInARow,
				later.plus(settings.failureBackoff(failuresInARow, random)), this.fetchedAt,
				(this.failingSince != null) ? this.failingSince : startedAt);
	}

	/**
	 * Decide what to do at a moment.
	 * @param now the current time
	 * @param settings the cache settings
	 * @return the decision
	 */
	public Decision decide(Instant now, CacheSettings settings) {
		boolean attemptedRecently = !mayFetch(now, settings);
		boolean failedRecently = attemptedRecently && this.lastFailure != null;
		if (this.value == null) {
			return failedRecently ? Decision.FAIL : Decision.FETCH;
		}
		if (now.isBefore(this.freshUntil)) {
			boolean refreshDue = !now.isBefore(this.freshUntil.minus(settings.refreshAhead()));
			return (refreshDue && !attemptedRecently) ? Decision.USE_AND_REFRESH : Decision.USE;
		}
		if (failedRecently) {
			return withinOutageTolerance(now, settings) ? Decision.USE_STALE : Decision.FAIL;
		}
		// Fetched successfully too recently to fetch again (a minimum refresh interval
		// longer than the
		// lifetime): the value is as fresh as the provider allows.
		return attemptedRecently ? Decision.USE : Decision.FETCH;
	}

	/**
	 * Whether the value may still be used while the provider cannot give a newer one: it
	 * is fresh, or expired within the outage tolerance.
	 * @param now the current time
	 * @param settings the cache settings
	 * @return whether a value exists and may be used
	 */
	public boolean usableWhileProviderFails(Instant now, CacheSettings settings) {
		return this.value != null && (now.isBefore(this.freshUntil) || withinOutageTolerance(now, settings));
	}

	private boolean withinOutageTolerance(Instant now, CacheSettings settings) {
		return now.isBefore(this.freshUntil.plus(settings.outageTolerance()));
	}

	/**
	 * Whether a fetch may start now: the minimum refresh interval has passed since the
	 * last successful fetch, or the back-off since the last failed one.
	 * @param now the current time
	 * @param settings the cache settings
	 * @return whether the last attempt is far enough in the past
	 */
	public boolean mayFetch(Instant now, CacheSettings settings) {
		Instant next = nextFetchAllowedAt(settings);
		return !now.isBefore(next);
	}

	/**
	 * When the next fetch may start.
	 * @param settings the cache settings
	 * @return the earliest moment, {@link Instant#MIN} when now
	 */
	public Instant nextFetchAllowedAt(CacheSettings settings) {
		if (this.lastFailure != null && this.retryAt != null) {
			return this.retryAt;
		}
		return (this.lastAttemptAt != null) ? this.lastAttemptAt.plus(settings.minimumRefreshInterval()) : Instant.MIN;
	}

}
