package dev.identity.engine.internal.cache;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token bucket that limits refreshes for unknown key ids and introspection requests,
 * on simulated time.
 */
class TokenBucketTests {

	private static final Instant T0 = Instant.parse("2030-06-01T12:00:00Z");

	private static final Duration EVERY = Duration.ofSeconds(30);

	@Test
	void takeWhenNeverUsedThenWholeBurstAtOnceThenNone() {
		TokenBucket bucket = TokenBucket.full();
		for (int i = 0; i < 3; i++) {
			bucket = bucket.take(T0, 3, EVERY);
			assertThat(bucket).as("action %d of the burst", i + 1).isNotNull();
		}
		assertThat(bucket.take(T0, 3, EVERY)).isNull();
		assertThat(bucket.hasToken(T0, 3, EVERY)).isFalse();
	}

	@Test
	void takeWhenEmptyThenOneMoreAfterEachRefillInterval() {
		TokenBucket empty = TokenBucket.full().take(T0, 1, EVERY);
		assertThat(empty.take(T0.plus(EVERY).minusMillis(1), 1, EVERY)).isNull();
		TokenBucket next = empty.take(T0.plus(EVERY), 1, EVERY);
		assertThat(next).isNotNull();
		assertThat(next.take(T0.plus(EVERY), 1, EVERY)).isNull();
	}

	@Test
	void takeWhenIdleLongThenRefillsOnlyUpToCapacity() {
		TokenBucket empty = TokenBucket.full().take(T0, 2, EVERY).take(T0, 2, EVERY);
		TokenBucket later = empty.take(T0.plus(Duration.ofDays(1)), 2, EVERY);
		assertThat(later).isNotNull();
		assertThat(later.take(T0.plus(Duration.ofDays(1)), 2, EVERY)).isNotNull();
		assertThat(later.take(T0.plus(Duration.ofDays(1)), 2, EVERY).take(T0.plus(Duration.ofDays(1)), 2, EVERY))
			.isNull();
	}

	@Test
	void takeWhenFloodedThenAtMostBurstPlusOnePerInterval() {
		TokenBucket bucket = TokenBucket.full();
		int taken = 0;
		Duration span = Duration.ofMinutes(10);
		for (Instant now = T0; now.isBefore(T0.plus(span)); now = now.plusMillis(7)) {
			TokenBucket next = bucket.take(now, 1, EVERY);
			if (next != null) {
				bucket = next;
				taken++;
			}
		}
		// The burst of one at once, then one per interval: never more than 1 + span /
		// interval.
		long intervals = span.dividedBy(EVERY);
		assertThat(taken).isLessThanOrEqualTo((int) (1 + intervals)).isGreaterThanOrEqualTo((int) intervals);
	}

	@Test
	void hasTokenThenDoesNotTakeIt() {
		TokenBucket bucket = TokenBucket.full();
		assertThat(bucket.hasToken(T0, 1, EVERY)).isTrue();
		assertThat(bucket.hasToken(T0, 1, EVERY)).isTrue();
		assertThat(bucket.take(T0, 1, EVERY)).isNotNull();
	}

	@Test
	void takeWhenIntervalZeroThenNoLimit() {
		TokenBucket bucket = TokenBucket.full().take(T0, 1, Duration.ZERO);
		for (int i = 0; i < 100; i++) {
			bucket = bucket.take(T0, 1, Duration.ZERO);
			assertThat(bucket).isNotNull();
		}
	}

	@Test
	void takeWhenClockGoesBackThenNoRefillThere() {
		TokenBucket empty = TokenBucket.full().take(T0, 1, EVERY);
		assertThat(empty.take(T0.minus(Duration.ofHours(1)), 1, EVERY)).isNull();
	}

	@Test
	void atWhenClockWentBackThenRefillCountsFromTheNewTime() {
		TokenBucket empty = TokenBucket.full().take(T0, 1, EVERY);
		Instant stepped = T0.minus(Duration.ofHours(1));
		TokenBucket recounted = empty.at(stepped);
		assertThat(recounted.take(stepped.plus(EVERY), 1, EVERY)).as("one interval after the step").isNotNull();
		assertThat(empty.at(T0.plusSeconds(1))).isSameAs(empty);
	}

	@Test
	void takeWhenRefillShorterThanAMillisecondThenThatRate() {
		Duration every = Duration.ofNanos(200_000);
		TokenBucket empty = TokenBucket.full().take(T0, 1, every);
		TokenBucket next = empty.take(T0.plusNanos(200_000), 1, every);
		assertThat(next).as("200 µs later").isNotNull();
		assertThat(next.take(T0.plusNanos(300_000), 1, every)).as("100 µs after that").isNull();
	}

}
