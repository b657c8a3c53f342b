package dev.identity.login;

/**
 * Bounds and cleans text that arrived from outside (a callback's query, a token's claims)
 * before it enters an exception message or a log line.
 */
final class ProviderText {

	private ProviderText() {
	}

	/**
	 * Keep the characters RFC 6749 §4.1.2.1 allows in {@code error} and
	 * {@code error_description} ({@code %x20-21 / %x23-5B / %x5D-7E}), replacing others
	 * with {@code ?}, and cut the text at the limit, so a crafted callback cannot forge
	 * log lines or flood them.
	 */
	static String clean(String value, int limit) {
		StringBuilder result = new StringBuilder(Math.min(value.length(), limit) + 3);
		for (int i = 0; i < value.length() && i < limit; i++) {
			char c = value.charAt(i);
			result.append((c < 0x20 || c > 0x7e || c == '"' || c == '\\') ? '?' : c);
		}
		if (value.length() > limit) {
			result.append("...");
		}
		return result.toString();
	}

}
