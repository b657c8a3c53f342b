package dev.identity.engine.internal.cache;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A token bucket: a burst of {@code capacity} actions at once, then one per
 * {@code refillEvery}. Immutable and clock-free; the caller keeps the current bucket
 * (e.g. in an atomic reference) and passes the time in. It limits what an attacker can
 * make the starter do on their behalf (refreshes for forged key ids, introspection
 * requests for made-up tokens) without limiting a quiet moment's legitimate action.
 *
 * @param tokens actions available at {@code updatedAt}
 * @param updatedAt when {@code tokens} was counted, or {@code null} for a full bucket
 * never used
 */
public record TokenBucket(double tokens, @Nullable Instant updatedAt) {

	private static final TokenBucket FULL = new TokenBucket(0, null);

	/**
	 * A bucket never used: full, whatever its capacity.
	 * @return the bucket
	 */
	public static TokenBucket full() {
		return FULL;
	}

	/**
	 * Take one action from the bucket.
	 * @param now the current time
	 * @param capacity the burst size, {@code 1} or more
	 * @param refillEvery time for one action to come back; zero for no limit
	 * @return the bucket after the action, or {@code null} when no action is available
	 * now
	 */
	public @Nullable TokenBucket take(Instant now, int capacity, Duration refillEvery) {
		double available = available(now, capacity, refillEvery);
		return (available >= 1.0) ? new TokenBucket(available - 1.0, now) : null;
	}

	/**
	 * Whether an action is available now, without taking it.
	 * @param now the current time
	 * @param capacity the burst size
	 * @param refillEvery time for one action to come back
	 * @return whether {@link #take} would succeed
	 */
	public boolean hasToken(Instant now, int capacity, Duration refillEvery) {
		return available(now, capacity, refillEvery) >= 1.0;
	}

	/**
	 * This bucket as seen from a moment: when the clock went back before the last count,
	 * the count moves to that moment, so a stepped clock cannot stop the refill until it
	 * catches up again.
	 * @param now the current time
	 * @return this bucket, or one counted at {@code now}
	 */
	public TokenBucket at(Instant now) {
		return (this.updatedAt != null && now.isBefore(this.updatedAt)) ? new TokenBucket(this.tokens, now) : this;
	}

	private double available(Instant now, int capacity, Duration refillEvery) {
		int burst = Math.max(1, capacity);
		if (this.updatedAt == null || refillEvery.isZero() || refillEvery.isNegative()) {
			return burst;
		}
		if (!now.isAfter(this.updatedAt)) {
			return this.tokens;
		}
		// In seconds as doubles: neither a refill of a microsecond nor one of centuries
		// overflows.
		double elapsed = seconds(Duration.between(this.updatedAt, now));
		double every = seconds(refillEvery);
		return Math.min(burst, this.tokens + elapsed / every);
	}

	private static double seconds(Duration duration) {
		return duration.getSeconds() + duration.getNano() / 1e9;
	}

}
