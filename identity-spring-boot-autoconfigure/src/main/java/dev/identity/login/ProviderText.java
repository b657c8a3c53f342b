package dev.identity.login;

import dev.identity.core.LogSafeText;

/**
 * Bounds and cleans text that arrived from outside (a callback's query, a token's claims)
 * before it enters an exception message or a log line, by the one rule of
 * {@link LogSafeText}.
 */
final class ProviderText {

	private ProviderText() {
	}

	static String clean(String value, int limit) {
		return LogSafeText.of(value, limit);
	}

}
