package dev.identity.engine.internal.transport;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * When to retry a request to the provider, and after how long: 429 and 503 always (the
 * provider said it did not process the request), other server errors and lost responses
 * only for requests that are harmless to repeat. {@code Retry-After} is honoured up to a
 * bound; otherwise exponential backoff with jitter. Transports do the waiting; this
 * record decides.
 *
 * @param maxAttempts attempts in all, the first included (1 disables retries)
 * @param initialBackoff delay before the first retry, doubled for each further one
 * @param maxBackoff upper bound on a backoff delay
 * @param maxRetryAfter longest {@code Retry-After} honoured; a longer one fails at once,
 * carrying it
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

	/** Three attempts, 200 ms doubling up to 2 s, {@code Retry-After} up to 10 s. */
	public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2),
			Duration.ofSeconds(10));

	/** No retries. */
	public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

	/**
	 * Longest {@code Retry-After} read from a response: a longer delay, in seconds or as
	 * a date, is read as this one, so no provider's number overflows (it exceeds any
	 * sensible {@code maxRetryAfter} anyway).
	 */
	public static final Duration MAXIMUM_RETRY_AFTER = Duration.ofDays(1);

	public RetryPolicy {
		Objects.requireNonNull(initialBackoff, "initialBackoff");
		Objects.requireNonNull(maxBackoff, "maxBackoff");
		Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1");
		}
	}

	/**
	 * The delay before the next attempt.
	 * @param attemptsMade attempts made so far (1 after the first)
	 * @param status the HTTP status of the last attempt, 0 when no response arrived
	 * @param idempotent whether repeating the request is harmless
	 * @param retryAfter the provider's {@code Retry-After}, or {@code null}
	 * @param random a number in [0, 1) for the jitter
	 * @return the delay, or {@code null} when the request must not be retried
	 */
	public @Nullable Duration delayBeforeRetry(int attemptsMade, int status, boolean idempotent,
			@Nullable Duration retryAfter, double random) {
		if (attemptsMade >= this.maxAttempts) {
			return null;
		}
		boolean notProcessed = status == 429 || status == 503;
		boolean maybeProcessed = status == 0 || status == 500 || status == 502 || status == 504;
		if (!notProcessed && !(idempotent && maybeProcessed)) {
			return null;
		}
		if (retryAfter != null) {
			return (retryAfter.compareTo(this.maxRetryAfter) > 0) ? null : retryAfter;
		}
		long base = this.initialBackoff.toMillis() << Math.min(attemptsMade - 1, 20);
		long capped = Math.min(base, this.maxBackoff.toMillis());
		// "Equal jitter": half fixed, half random, so concurrent clients spread out yet
		// still back off.
		return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * random));
	}

	/**
	 * Read a {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an
	 * HTTP-date.
	 * @param header the header value, or {@code null}
	 * @param now the current time
	 * @return the delay (zero for a date in the past, at most
	 * {@link #MAXIMUM_RETRY_AFTER}), or {@code null} when absent or unreadable
	 */
	public static @Nullable Duration parseRetryAfter(@Nullable String header, Instant now) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.trim();
		if (value.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			// Any number of digits: more than a day's worth (or than a long holds) is
			// read as a day.
			String digits = value.replaceFirst("^0+(?=.)", "");
			return (digits.length() > 9) ? MAXIMUM_RETRY_AFTER
					: min(Duration.ofSeconds(Long.parseLong(digits)), MAXIMUM_RETRY_AFTER);
		}
		try {
			Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return at.isAfter(now) ? min(Duration.between(now, at), MAXIMUM_RETRY_AFTER) : Duration.ZERO;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
