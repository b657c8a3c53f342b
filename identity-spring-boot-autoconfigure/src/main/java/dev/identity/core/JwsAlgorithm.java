package dev.identity.core;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The asymmetric JWS algorithms this client verifies (RFC 7518 §3, RFC 8037).
 * {@code none} and the HMAC family are deliberately absent: a public key must never be
 * usable as an HMAC secret.
 */
public enum JwsAlgorithm {

	RS256(KeyFamily.RSA, "SHA256withRSA", null, null), RS384(KeyFamily.RSA, "SHA384withRSA", null, null),
	RS512(KeyFamily.RSA, "SHA512withRSA", null, null),
	PS256(KeyFamily.RSA, "RSASSA-PSS", null, pss("SHA-256", MGF1ParameterSpec.SHA256, 32)),
	PS384(KeyFamily.RSA, "RSASSA-PSS", null, pss("SHA-384", MGF1ParameterSpec.SHA384, 48)),
	PS512(KeyFamily.RSA, "RSASSA-PSS", null, pss("SHA-512", MGF1ParameterSpec.SHA512, 64)),
	// The JWS form of an ECDSA signature is R || S (RFC 7518 §3.4): the JDK's P1363
	// format verifies it as it is.
	ES256(KeyFamily.EC, "SHA256withECDSAinP1363Format", "P-256", null),
	ES384(KeyFamily.EC, "SHA384withECDSAinP1363Format", "P-384", null),
	ES512(KeyFamily.EC, "SHA512withECDSAinP1363Format", "P-521", null),
	/** EdDSA with the Ed25519 or Ed448 curve, verified by the JDK's own provider. */
	EdDSA(KeyFamily.OKP, "EdDSA", null, null);

	/** Key types, as in the JWK {@code kty} parameter. */
	public enum KeyFamily {

		RSA, EC, OKP

	}

	private final KeyFamily family;

	private final String jcaName;

	private final @Nullable String curve;

	private final @Nullable AlgorithmParameterSpec parameters;

	JwsAlgorithm(KeyFamily family, String jcaName, @Nullable String curve,
			@Nullable AlgorithmParameterSpec parameters) {
		this.family = family;
		this.jcaName = jcaName;
		this.curve = curve;
		this.parameters = parameters;
	}

	/** Key type this algorithm needs. */
	public KeyFamily family() {
		return this.family;
	}

	public String jcaName() {
		return this.jcaName;
	}

	/** Curve an EC key must be on for this algorithm, {@code null} for other families. */
	public @Nullable String curve() {
		return this.curve;
	}

	public @Nullable AlgorithmParameterSpec parameters() {
		return this.parameters;
	}

	/**
	 * Find the algorithm of a JWS {@code alg} header value.
	 * @param name the header value, case-sensitive as RFC 7515 requires
	 * @return the algorithm, or {@code null} when it is not one this client verifies
	 */
	public static @Nullable JwsAlgorithm fromHeader(String name) {
		for (JwsAlgorithm algorithm : values()) {
			if (algorithm.name().equals(name)) {
				return algorithm;
			}
		}
		return null;
	}

	/**
	 * Parse a configured algorithm name, ignoring case.
	 * @param name the configured name
	 * @return the algorithm
	 * @throws IllegalArgumentException naming the accepted values when the name is
	 * unknown
	 */
	public static JwsAlgorithm fromConfiguration(String name) {
		for (JwsAlgorithm algorithm : values()) {
			if (algorithm.name().equalsIgnoreCase(name.trim())) {
				return algorithm;
			}
		}
		String lower = name.trim().toLowerCase(Locale.ROOT);
		String hint = (lower.equals("none") || lower.startsWith("hs"))
				? " (symmetric and unsigned algorithms are never accepted)" : "";
		throw new IllegalArgumentException(
				"'" + name + "' is not a supported JWS algorithm" + hint + "; use one of " + Arrays.toString(values()));
	}

	private static PSSParameterSpec pss(String digest, MGF1ParameterSpec mgf, int saltLength) {
		return new PSSParameterSpec(digest, "MGF1", mgf, saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
	}

}
