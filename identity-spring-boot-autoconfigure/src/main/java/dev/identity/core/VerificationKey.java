package dev.identity.core;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import dev.identity.core.internal.CoreAccess;
import dev.identity.core.internal.validation.SignaturePool;
import org.jspecify.annotations.Nullable;

/**
 * A public key from a JWK set, converted once, with the JWK parameters that restrict its
 * use. Built from Nimbus {@link JWK} objects; symmetric and private material is never
 * kept.
 */
public final class VerificationKey {

	static {
		CoreAccess.register(new CoreAccess.Keys() {

			@Override
			public SignaturePool signatures(VerificationKey key) {
				return key.signatures;
			}

		});
	}

	/** RSA keys shorter than this are refused (RFC 7518 §3.3). */
	static final int MINIMUM_RSA_BITS = 2048;

	// DER prefixes of an X.509 SubjectPublicKeyInfo for the two EdDSA curves (RFC 8410
	// §4).
	private static final byte[] ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

	private static final byte[] ED448_PREFIX = HexFormat.of().parseHex("3043300506032b6571033a00");

	private final @Nullable String keyId;

	private final JwsAlgorithm.KeyFamily family;

	private final @Nullable String curve;

	private final @Nullable String algorithm;

	private final @Nullable String use;

	private final @Nullable Set<KeyOperation> operations;

	private final PublicKey publicKey;

	private final int signatureLength;

	private final int rsaBits;

	/** Its idle {@code Signature} objects, reached by the verifier through CoreAccess. */
	private final SignaturePool signatures = new SignaturePool();

	private VerificationKey(@Nullable String keyId, JwsAlgorithm.KeyFamily family, @Nullable String curve,
			@Nullable String algorithm, @Nullable String use, @Nullable Set<KeyOperation> operations,
			PublicKey publicKey, int signatureLength, int rsaBits) {
		this.keyId = keyId;
		this.family = family;
		this.curve = curve;
		this.algorithm = algorithm;
		this.use = use;
		this.operations = operations;
		this.publicKey = publicKey;
		this.signatureLength = signatureLength;
		this.rsaBits = rsaBits;
	}

	/**
	 * Convert a JWK.
	 * @param jwk the key
	 * @return the verification key, or {@code null} when the JWK is not an asymmetric
	 * public key this client can verify with (symmetric keys, unknown curves)
	 * @throws JOSEException if Nimbus cannot convert the key material
	 */
	public static @Nullable VerificationKey from(JWK jwk) throws JOSEException {
		String alg = (jwk.getAlgorithm() != null) ? jwk.getAlgorithm().getName() : null;
		String use = (jwk.getKeyUse() != null) ? jwk.getKeyUse().identifier() : null;
		Set<KeyOperation> ops = jwk.getKeyOperations();
		if (jwk instanceof RSAKey rsa) {
			RSAPublicKey key = rsa.toRSAPublicKey();
			int bits = key.getModulus().bitLength();
			return new VerificationKey(jwk.getKeyID(), JwsAlgorithm.KeyFamily.RSA, null, alg, use, ops, key,
					(bits + 7) / 8, bits);
		}
		if (jwk instanceof ECKey ec) {
			ECPublicKey key = ec.toECPublicKey();
			String curve = ec.getCurve().getName();
			int length = switch (curve) {
				case "P-256" -> 64;
				case "P-384" -> 96;
				case "P-521" -> 132;
				default -> -1;
			};
			return (length > 0) ? new VerificationKey(jwk.getKeyID(), JwsAlgorithm.KeyFamily.EC, curve, alg, use, ops,
					key, length, 0) : null;
		}
		if (jwk instanceof OctetKeyPair okp) {
			String curve = okp.getCurve().getName();
			byte[] prefix;
			int length;
			if ("Ed25519".equals(curve)) {
				prefix = ED25519_PREFIX;
				length = 64;
			}
			else if ("Ed448".equals(curve)) {
				prefix = ED448_PREFIX;
				length = 114;
			}
			else {
				return null;
			}
			byte[] raw = okp.getDecodedX();
			byte[] der = new byte[prefix.length + raw.length];
			System.arraycopy(prefix, 0, der, 0, prefix.length);
			System.arraycopy(raw, 0, der, prefix.length, raw.length);
			try {
				PublicKey key = KeyFactory.getInstance(curve).generatePublic(new X509EncodedKeySpec(der));
				return new VerificationKey(jwk.getKeyID(), JwsAlgorithm.KeyFamily.OKP, curve, alg, use, ops, key,
						length, 0);
			}
			catch (GeneralSecurityException ex) {
				throw new JOSEException("Unusable " + curve + " key: " + ex.getMessage(), ex);
			}
		}
		return null;
	}

	/**
	 * Why this key may not verify a token signed with the given algorithm.
	 * @param algorithm the token's algorithm
	 * @return the reasons, empty when the key fits
	 */
	public List<String> misfits(JwsAlgorithm algorithm) {
		ArrayList<String> reasons = new ArrayList<>(2);
		if (algorithm.family() != this.family) {
			reasons.add("key " + describe() + " is of type " + this.family + " but alg " + algorithm + " needs "
					+ algorithm.family());
		}
		else if (algorithm.curve() != null && !algorithm.curve().equals(this.curve)) {
			reasons.add("key " + describe() + " is on curve " + this.curve + " but alg " + algorithm + " needs "
					+ algorithm.curve());
		}
		if (this.algorithm != null && !this.algorithm.equals(algorithm.name())) {
			reasons.add("key " + describe() + " is restricted to alg " + this.algorithm + " but the token uses "
					+ algorithm);
		}
		if (this.use != null && !KeyUse.SIGNATURE.identifier().equals(this.use)) {
			reasons.add("key " + describe() + " has use '" + this.use + "', not 'sig'");
		}
		if (this.operations != null && !this.operations.contains(KeyOperation.VERIFY)) {
			reasons.add("key " + describe() + " has key_ops " + this.operations + " without 'verify'");
		}
		if (this.family == JwsAlgorithm.KeyFamily.RSA && this.rsaBits < MINIMUM_RSA_BITS) {
			reasons.add("key " + describe() + " has " + this.rsaBits + " bits, fewer than " + MINIMUM_RSA_BITS);
		}
		return reasons;
	}

	public boolean fits(JwsAlgorithm algorithm) {
		return misfits(algorithm).isEmpty();
	}

	/** Key ID ({@code kid}), or {@code null} when the JWK has none. */
	public @Nullable String getKeyId() {
		return this.keyId;
	}

	/** Key type. */
	public JwsAlgorithm.KeyFamily getFamily() {
		return this.family;
	}

	/** The converted public key. */
	public PublicKey getPublicKey() {
		return this.publicKey;
	}

	public int signatureLength() {
		return this.signatureLength;
	}

	private String describe() {
		return (this.keyId != null) ? "'" + this.keyId + "'" : "(no kid)";
	}

	@Override
	public String toString() {
		return "VerificationKey[kid=" + this.keyId + ", kty=" + this.family
				+ ((this.curve != null) ? ", crv=" + this.curve : "")
				+ ((this.algorithm != null) ? ", alg=" + this.algorithm : "") + "]";
	}

}
