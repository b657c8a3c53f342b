package dev.identity.engine.internal.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Token buckets shared by concurrent callers: the limit on refreshes for unknown key ids
 * and on introspection requests.
 */
public final class TokenBuckets {

	private TokenBuckets() {
	}

	/**
	 * Take an action from a shared token bucket; one whose clock went back is recounted
	 * from now.
	 * @param shared the bucket
	 * @param now the current time
	 * @param capacity actions that may start at once
	 * @param every how often one more may start
	 * @return whether the action may start
	 */
	public static boolean take(AtomicReference<TokenBucket> shared, Instant now, int capacity, Duration every) {
		while (true) {
			// Shared buckets start full and are only ever swapped for another bucket.
			TokenBucket bucket = Objects.requireNonNull(shared.get(), "bucket");
			TokenBucket current = bucket.at(now);
			TokenBucket next = current.take(now, capacity, every);
			if (next == null) {
				if (current != bucket) {
					shared.compareAndSet(bucket, current);
				}
				return false;
			}
			if (shared.compareAndSet(bucket, next)) {
				return true;
			}
		}
	}

}
