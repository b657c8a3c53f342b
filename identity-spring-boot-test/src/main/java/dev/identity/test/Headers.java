package dev.identity.test;

import org.jspecify.annotations.Nullable;

/**
 * The {@code Authorization} header value both request helpers send.
 */
final class Headers {

	private Headers() {
	}

	static String bearer(@Nullable String token) {
		if (token == null || token.isBlank()) {
			throw new IllegalArgumentException("token must not be null or blank");
		}
		return "Bearer " + token;
	}

	static void required(@Nullable TestToken token) {
		if (token == null) {
			throw new IllegalArgumentException("token must not be null");
		}
	}

}
