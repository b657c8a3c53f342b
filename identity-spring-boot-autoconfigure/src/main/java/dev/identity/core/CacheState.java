package dev.identity.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The state of one cached remote document (discovery or JWK set): the last good value, when it
 * expires, and the last attempt to fetch it. Immutable; each fetch produces a new state. This file
 * is the one place that decides whether to use, refresh or fetch.
 *
 * @param <T> the cached value
 * @param value the last good value, or {@code null} before the first success
 * @param freshUntil when the value expires
 * @param lastAttemptAt when the last fetch started, or {@code null} before the first
 * @param lastFailure why the last fetch failed, or {@code null} when it succeeded
 */
public record CacheState<T>(@Nullable T value, Instant freshUntil, @Nullable Instant lastAttemptAt,
		@Nullable IdentityException lastFailure) {

	/** What a reader of the cache must do. */
	public enum Decision {

		/** The value is fresh: use it. */
		USE,
		/** Use the value, and refresh it in the background: it expires soon. */
		USE_AND_REFRESH,
		/** The value expired, the last fetch failed, and it is still within the outage tolerance. */
		USE_STALE,
		/** Fetch now and wait: there is no usable value. */
		FETCH,
		/** Fail with {@link #lastFailure()}: the last fetch failed too recently to try again. */
		FAIL

	}

	public static <T> CacheState<T> empty() {
		return new CacheState<>(null, Instant.MIN, null, null);
	}

	/**
	 * The state after a successful fetch.
	 * @param value the fetched value
	 * @param startedAt when the fetch started
	 * @param ttl the value's lifetime
	 * @return the new state
	 */
	public CacheState<T> succeeded(T value, Instant startedAt, Duration ttl) {
		return new CacheState<>(value, startedAt.plus(ttl), startedAt, null);
	}

	/**
	 * The state after a failed fetch: the last good value is kept.
	 * @param startedAt when the fetch started
	 * @param failure why it failed
	 * @return the new state
	 */
	public CacheState<T> failed(Instant startedAt, IdentityException failure) {
		return new CacheState<>(this.value, this.freshUntil, startedAt, failure);
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
			return now.isBefore(this.freshUntil.plus(settings.outageTolerance())) ? Decision.USE_STALE : Decision.FAIL;
		}
		// Fetched successfully too recently to fetch again (a minimum refresh interval longer than the
		// lifetime): the value is as fresh as the provider allows.
		return attemptedRecently ? Decision.USE : Decision.FETCH;
	}

	/**
	 * Whether a fetch may start now, given the minimum refresh interval.
	 * @param now the current time
	 * @param settings the cache settings
	 * @return whether the last attempt is far enough in the past
	 */
	public boolean mayFetch(Instant now, CacheSettings settings) {
		return this.lastAttemptAt == null || !now.isBefore(this.lastAttemptAt.plus(settings.minimumRefreshInterval()));
	}

	/**
	 * When the next fetch may start.
	 * @param settings the cache settings
	 * @return the earliest moment, {@link Instant#MIN} when now
	 */
	public Instant nextFetchAllowedAt(CacheSettings settings) {
		return (this.lastAttemptAt != null) ? this.lastAttemptAt.plus(settings.minimumRefreshInterval()) : Instant.MIN;
	}

}
