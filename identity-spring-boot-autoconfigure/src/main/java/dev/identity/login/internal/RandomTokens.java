package dev.identity.login.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable values for {@code state}, {@code nonce} and the PKCE verifier.
 */
final class RandomTokens {

	/**
	 * 256 bits: twice the 128-bit floor of RFC 9700 §4.7.1 and the 32 octets RFC 7636
	 * §4.1 recommends, which encode to a 43-character verifier, the shortest one allowed.
	 */
	static final int BYTES = 32;

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private RandomTokens() {
	}

	static String next(SecureRandom random) {
		byte[] bytes = new byte[BYTES];
		random.nextBytes(bytes);
		return BASE64URL.encodeToString(bytes);
	}

	static String base64url(byte[] bytes) {
		return BASE64URL.encodeToString(bytes);
	}

}
