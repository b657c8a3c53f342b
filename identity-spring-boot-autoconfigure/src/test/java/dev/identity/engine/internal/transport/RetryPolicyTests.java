package dev.identity.engine.internal.transport;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTests {

	private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(1),
			Duration.ofSeconds(10));

	@Test
	void delayWhen429Or503ThenRetriedWhateverTheRequest() {
		assertThat(POLICY.delayBeforeRetry(1, 429, false, null, 0.0)).isNotNull();
		assertThat(POLICY.delayBeforeRetry(1, 503, false, null, 0.0)).isNotNull();
	}

	@Test
	void delayWhenServerErrorOrNoResponseThenRetriedOnlyWhenIdempotent() {
		for (int status : new int[] { 0, 500, 502, 504 }) {
			assertThat(POLICY.delayBeforeRetry(1, status, true, null, 0.5)).isNotNull();
			assertThat(POLICY.delayBeforeRetry(1, status, false, null, 0.5)).isNull();
		}
	}

	@Test
	void delayWhenClientErrorThenNeverRetried() {
		assertThat(POLICY.delayBeforeRetry(1, 400, true, null, 0.5)).isNull();
		assertThat(POLICY.delayBeforeRetry(1, 401, true, null, 0.5)).isNull();
	}

	@Test
	void delayWhenAttemptsExhaustedThenNull() {
		assertThat(POLICY.delayBeforeRetry(3, 503, true, null, 0.5)).isNull();
	}

	@Test
	void delayWhenRetryAfterThenHonouredUpToTheBound() {
		assertThat(POLICY.delayBeforeRetry(1, 429, true, Duration.ofSeconds(3), 0.5)).isEqualTo(Duration.ofSeconds(3));
		assertThat(POLICY.delayBeforeRetry(1, 429, true, Duration.ofSeconds(11), 0.5)).isNull();
	}

	@Test
	void delayWhenBackoffThenDoublesWithJitterAndIsCapped() {
		assertThat(POLICY.delayBeforeRetry(1, 503, true, null, 0.0)).isEqualTo(Duration.ofMillis(100));
		assertThat(POLICY.delayBeforeRetry(1, 503, true, null, 0.999)).isBetween(Duration.ofMillis(199),
				Duration.ofMillis(200));
		assertThat(POLICY.delayBeforeRetry(2, 503, true, null, 0.0)).isEqualTo(Duration.ofMillis(200));
		RetryPolicy many = new RetryPolicy(10, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(10));
		assertThat(many.delayBeforeRetry(8, 503, true, null, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void parseRetryAfterWhenSecondsOrHttpDateThenDelay() {
		Instant now = Instant.parse("2026-11-27T12:00:00Z");
		assertThat(RetryPolicy.parseRetryAfter("7", now)).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryPolicy.parseRetryAfter("Fri, 27 Nov 2026 12:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
		assertThat(RetryPolicy.parseRetryAfter("Fri, 27 Nov 2026 11:00:00 GMT", now)).isEqualTo(Duration.ZERO);
		assertThat(RetryPolicy.parseRetryAfter("soon", now)).isNull();
		assertThat(RetryPolicy.parseRetryAfter(null, now)).isNull();
	}

	@Test
	void parseRetryAfterWhenAbsurdThenReadAsOneDayOrIgnored() {
		Instant now = Instant.parse("2026-11-27T12:00:00Z");
		Duration day = Duration.ofDays(1);
		assertThat(RetryPolicy.MAXIMUM_RETRY_AFTER).isEqualTo(day);
		assertThat(RetryPolicy.parseRetryAfter("99999999999", now)).isEqualTo(day);
		assertThat(RetryPolicy.parseRetryAfter("99999999999999999999999999", now)).isEqualTo(day);
		assertThat(RetryPolicy.parseRetryAfter("86401", now)).isEqualTo(day);
		assertThat(RetryPolicy.parseRetryAfter("00000000000000000000007", now)).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryPolicy.parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", now)).isEqualTo(day);
		// Unreadable: no retry delay is taken from it.
		assertThat(RetryPolicy.parseRetryAfter("-5", now)).isNull();
		assertThat(RetryPolicy.parseRetryAfter("1e300", now)).isNull();
		// A delay of a day exceeds the bound: the request fails at once, carrying it.
		assertThat(POLICY.delayBeforeRetry(1, 503, true, RetryPolicy.parseRetryAfter("99999999999", now), 0.5))
			.isNull();
	}

}
