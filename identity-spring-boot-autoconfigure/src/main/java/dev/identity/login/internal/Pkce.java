package dev.identity.login.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Proof Key for Code Exchange with the {@code S256} method (RFC 7636). {@code plain} is
 * not offered: RFC 9700 §2.1.1 asks for a method that does not reveal the verifier in the
 * authorization request.
 */
public final class Pkce {

	/** The {@code code_challenge_method} sent with every challenge (RFC 7636 §4.3). */
	public static final String METHOD = "S256";

	/** Shortest verifier RFC 7636 §4.1 allows. */
	public static final int MINIMUM_VERIFIER_LENGTH = 43;

	/** Longest verifier RFC 7636 §4.1 allows. */
	public static final int MAXIMUM_VERIFIER_LENGTH = 128;

	private Pkce() {
	}

	/**
	 * Create a code verifier from 32 random octets, base64url-encoded to 43 characters
	 * (RFC 7636 §4.1).
	 * @param random the source of randomness
	 * @return the verifier
	 */
	public static String newVerifier(SecureRandom random) {
		Objects.requireNonNull(random, "random");
		return RandomTokens.next(random);
	}

	/**
	 * Derive the {@code S256} code challenge:
	 * {@code BASE64URL(SHA256(ASCII(code_verifier)))} (RFC 7636 §4.2).
	 * @param verifier the code verifier
	 * @return the challenge
	 * @throws IllegalArgumentException when the verifier breaks RFC 7636 §4.1
	 */
	public static String challenge(String verifier) {
		requireVerifier(verifier);
		return RandomTokens.base64url(sha256().digest(verifier.getBytes(StandardCharsets.US_ASCII)));
	}

	/**
	 * Check a code verifier: 43 to 128 characters from
	 * {@code [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"} (RFC 7636 §4.1).
	 * @param verifier the verifier
	 * @throws IllegalArgumentException when it breaks the rule
	 */
	public static void requireVerifier(@Nullable String verifier) {
		if (verifier == null) {
			throw new IllegalArgumentException("code verifier must not be null");
		}
		if (verifier.length() < MINIMUM_VERIFIER_LENGTH || verifier.length() > MAXIMUM_VERIFIER_LENGTH) {
			throw new IllegalArgumentException("code verifier must be " + MINIMUM_VERIFIER_LENGTH + " to "
					+ MAXIMUM_VERIFIER_LENGTH + " characters long (RFC 7636 §4.1), not " + verifier.length());
		}
		for (int i = 0; i < verifier.length(); i++) {
			if (!QueryString.isUnreserved(verifier.charAt(i))) {
				throw new IllegalArgumentException(
						"code verifier holds a character outside the unreserved set of RFC 7636 §4.1");
			}
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-256 (java.security.MessageDigest
			// contract).
			throw new IllegalStateException(ex);
		}
	}

}
