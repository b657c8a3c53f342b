package dev.identity.core.internal.validation;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.List;

import dev.identity.core.JwsAlgorithm;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.core.VerificationKey;
import dev.identity.core.internal.CoreAccess;

/**
 * The signature of a parsed token, verified with a JCA {@link Signature} on a key that
 * was converted once, when the key set was read, taken from the key's
 * {@link SignaturePool} when one is idle. ECDSA signatures are verified in their JWS form
 * (R || S, RFC 7518 §3.4) by the JDK's P1363 format, after our own range check.
 */
final class SignatureCheck {

	private static final CoreAccess.Keys KEYS = CoreAccess.keys();

	private SignatureCheck() {
	}

	/**
	 * Verify a token's signature with a key already found fit for its algorithm.
	 * @param token the parsed token, with an accepted algorithm
	 * @param key the key
	 * @param failures where a failure is added
	 */
	static void verify(ParsedToken token, VerificationKey key, List<TokenCheckFailure> failures) {
		JwsAlgorithm algorithm = token.algorithm;
		byte[] signature = token.signature;
		if (algorithm == null) {
			return;
		}
		if (signature.length != key.signatureLength()) {
			failures.add(new TokenCheckFailure(TokenCheck.SIGNATURE, "signature is " + signature.length + " bytes; "
					+ algorithm + " with this key makes " + key.signatureLength()));
			return;
		}
		if (algorithm.family() == JwsAlgorithm.KeyFamily.EC && !inRange(signature, key.getPublicKey())) {
			// r and s must lie in [1, n-1]: some Java 17 updates accepted r = s = 0 for
			// any
			// message (CVE-2022-21449).
			failures.add(new TokenCheckFailure(TokenCheck.SIGNATURE,
					"signature could not be verified with key " + describe(key) + ": r or s is outside [1, n-1]"));
			return;
		}
		try {
			SignaturePool pool = KEYS.signatures(key);
			Signature verifier = pool.take(algorithm);
			if (verifier == null) {
				verifier = Signature.getInstance(algorithm.jcaName());
				if (algorithm.parameters() != null) {
					verifier.setParameter(algorithm.parameters());
				}
				verifier.initVerify(key.getPublicKey());
			}
			verifier.update(token.ascii, 0, token.signingInputLength);
			boolean verified = verifier.verify(signature);
			// Returned normally: as initVerify left it, ready for the next token.
			pool.giveBack(algorithm, verifier, verified);
			if (!verified) {
				failures.add(new TokenCheckFailure(TokenCheck.SIGNATURE,
						"signature does not verify with key " + describe(key)));
			}
		}
		catch (GeneralSecurityException ex) {
			failures.add(new TokenCheckFailure(TokenCheck.SIGNATURE, "signature could not be verified with key "
					+ describe(key) + ": " + ex.getClass().getSimpleName()));
		}
	}

	/**
	 * Whether both halves of an R || S signature lie in [1, n-1], n being the order of
	 * the key's curve.
	 */
	private static boolean inRange(byte[] signature, PublicKey key) {
		if (!(key instanceof ECPublicKey ec)) {
			return false;
		}
		BigInteger order = ec.getParams().getOrder();
		int half = signature.length / 2;
		BigInteger r = new BigInteger(1, signature, 0, half);
		BigInteger s = new BigInteger(1, signature, half, half);
		return r.signum() > 0 && s.signum() > 0 && r.compareTo(order) < 0 && s.compareTo(order) < 0;
	}

	private static String describe(VerificationKey key) {
		return (key.getKeyId() != null) ? "'" + key.getKeyId() + "'" : "(no kid)";
	}

}
