package dev.identity.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for text that came from outside (a token, a provider's document or error
 * response, a login callback) before it enters an exception message or a log line:
 * characters that can break, fake or reorder a line become {@code ?}, and the text is cut
 * after a limit, marked with {@code ...}. Other characters, non-ASCII letters included,
 * are kept, so a provider's localized message stays readable.
 */
public final class LogSafeText {

	/** Characters kept by {@link #of(String)}: enough for a key id, a claim, a type. */
	public static final int DEFAULT_LIMIT = 64;

	private LogSafeText() {
	}

	/**
	 * Clean a value and keep at most {@link #DEFAULT_LIMIT} characters of it.
	 * @param value the value, or {@code null}
	 * @return the cleaned value; {@code "null"} for {@code null}
	 */
	public static String of(@Nullable String value) {
		return of(value, DEFAULT_LIMIT);
	}

	/**
	 * Clean a value and keep at most {@code limit} characters of it. A cut never splits a
	 * surrogate pair.
	 * @param value the value, or {@code null}
	 * @param limit how many characters to keep, at least zero
	 * @return the cleaned value, with {@code ...} when it was cut; {@code "null"} for
	 * {@code null}
	 */
	public static String of(@Nullable String value, int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative");
		}
		if (value == null) {
			return "null";
		}
		int end = Math.min(value.length(), limit);
		if (end < value.length() && end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
			end--;
		}
		StringBuilder result = new StringBuilder(end + 3);
		for (int i = 0; i < end; i++) {
			char c = value.charAt(i);
			result.append(unsafe(c) ? '?' : c);
		}
		if (end < value.length()) {
			result.append("...");
		}
		return result.toString();
	}

	/**
	 * Control characters (C0, DEL, C1 with NEL), the Unicode line and paragraph
	 * separators, and the bidirectional overrides and isolates, which can fake or reorder
	 * a log line.
	 */
	private static boolean unsafe(char c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
				|| (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
	}

}
