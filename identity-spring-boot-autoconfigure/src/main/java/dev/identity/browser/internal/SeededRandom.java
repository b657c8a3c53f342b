package dev.identity.browser.internal;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The source of the login's unguessable values: {@code state}, {@code nonce}, code
 * verifiers, cookie nonces, logout tokens and the default key of
 * {@link PendingLoginCookies}.
 */
final class SeededRandom {

	private SeededRandom() {
	}

	/**
	 * Security strength in bits: that of the AES-256 key it makes, where the DRBG default
	 * is 128.
	 */
	static final int STRENGTH = 256;

	/**
	 * A generator that reads no entropy source once seeded: WebFlux serves the login on
	 * event-loop threads, where the platform default (reading {@code /dev/urandom} on
	 * every call on Linux) would be file I/O. It is seeded here, at start-up, without
	 * prediction resistance (which would read entropy on every call).
	 */
	static SecureRandom create() {
		SecureRandom random;
		try {
			random = SecureRandom.getInstance("DRBG",
					DrbgParameters.instantiation(STRENGTH, DrbgParameters.Capability.NONE, null));
		}
		catch (NoSuchAlgorithmException ex) {
			random = new SecureRandom();
		}
		random.nextBytes(new byte[1]);
		return random;
	}

}
