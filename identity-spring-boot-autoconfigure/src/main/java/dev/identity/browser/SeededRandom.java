package dev.identity.browser;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The source of the login's unguessable values: {@code state}, {@code nonce}, code verifiers, cookie
 * nonces and logout tokens.
 */
final class SeededRandom {

	private SeededRandom() {
	}

	/**
	 * A generator that reads no entropy source once seeded: WebFlux serves the login on event-loop threads,
	 * where the platform default (reading {@code /dev/urandom} on every call on Linux) would be file I/O.
	 * It is seeded here, at start-up.
	 */
	static SecureRandom create() {
		SecureRandom random;
		try {
			random = SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			random = new SecureRandom();
		}
		random.nextBytes(new byte[1]);
		return random;
	}

}
