package dev.identity.core.internal.validation;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * JWT NumericDate values (RFC 7519 §2) and the time-window comparisons made with them,
 * shared by the claim rules, the validated-token cache's re-check and introspection.
 */
public final class NumericDate {

	/**
	 * Largest NumericDate magnitude taken literally (about 31 million years); beyond it a
	 * date is clamped, so that adding the clock skew can never overflow.
	 */
	private static final long LIMIT = 1_000_000_000_000_000L;

	private NumericDate() {
	}

	/**
	 * Skews are clamped to this (about 126 million years) before arithmetic: the answer
	 * is the same for any larger skew, and no sum can overflow.
	 */
	private static final long SKEW_LIMIT = 4 * LIMIT;

	/**
	 * A claim's value as an instant, clamped to about 31 million years either way.
	 * @param value the claim's value
	 * @return the instant, or {@code null} when the value is not a number (or NaN)
	 */
	public static @Nullable Instant instant(@Nullable Object value) {
		if (!(value instanceof Number number) || isNaN(number)) {
			return null;
		}
		return Instant.ofEpochSecond(seconds(number));
	}

	/**
	 * A claim's value in whole seconds since the epoch, clamped to about 31 million years
	 * either way; NaN, which the JSON reader never produces, counts as the earliest date.
	 * @param number the claim's value
	 * @return the seconds
	 */
	static long seconds(Number number) {
		long seconds;
		if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
			seconds = number.longValue();
		}
		else if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
			// JSON like 1e400 parses to infinity; clamp it like any other out-of-range
			// date.
			seconds = (number.doubleValue() > 0) ? LIMIT : -LIMIT;
		}
		else {
			BigDecimal decimal = new BigDecimal(number.toString());
			if (decimal.abs().compareTo(BigDecimal.valueOf(LIMIT)) > 0) {
				seconds = (decimal.signum() > 0) ? LIMIT : -LIMIT;
			}
			else {
				seconds = decimal.longValue();
			}
		}
		return Math.max(-LIMIT, Math.min(LIMIT, seconds));
	}

	private static boolean isNaN(Number number) {
		return (number instanceof Double || number instanceof Float) && Double.isNaN(number.doubleValue());
	}

	// The comparisons below work on whole seconds: a NumericDate has no fraction, so
	// "now is before date + skew" holds exactly when now's second is, and no Instant is
	// allocated on the path every valid token takes.

	/** Whether a token that expires at {@code expiresAt} has expired at {@code now}. */
	static boolean expired(long expiresAt, Instant now, long skew) {
		return now.getEpochSecond() >= expiresAt + Math.min(skew, SKEW_LIMIT);
	}

	/** Whether a token that expires at {@code expiresAt} has expired at {@code now}. */
	static boolean expired(Instant expiresAt, Instant now, long skew) {
		return expired(expiresAt.getEpochSecond(), now, skew);
	}

	/** Whether a token valid from {@code notBefore} is not valid yet at {@code now}. */
	static boolean notYetValid(long notBefore, Instant now, long skew) {
		return now.getEpochSecond() + Math.min(skew, SKEW_LIMIT) < notBefore;
	}

	/** Whether a token valid from {@code notBefore} is not valid yet at {@code now}. */
	static boolean notYetValid(Instant notBefore, Instant now, long skew) {
		return notYetValid(notBefore.getEpochSecond(), now, skew);
	}

	/** Whether a token issued at {@code issuedAt} was issued after {@code now}. */
	static boolean issuedInFuture(long issuedAt, Instant now, long skew) {
		return issuedAt > now.getEpochSecond() + Math.min(skew, SKEW_LIMIT);
	}

}
