package dev.identity.core.internal.validation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.KeySet;
import dev.identity.core.TestTokens;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.identity.core.TestTokens.ATTACKER_RSA;
import static dev.identity.core.TestTokens.ED25519;
import static dev.identity.core.TestTokens.ED448;
import static dev.identity.core.TestTokens.OTHER_RSA;
import static dev.identity.core.TestTokens.P256;
import static dev.identity.core.TestTokens.P384;
import static dev.identity.core.TestTokens.P521;
import static dev.identity.core.TestTokens.RSA;
import static dev.identity.core.TestTokens.WEAK_RSA;
import static dev.identity.core.TestTokens.base64url;
import static dev.identity.core.TestTokens.checks;
import static dev.identity.core.TestTokens.decode;
import static dev.identity.core.TestTokens.keySet;
import static dev.identity.core.TestTokens.policy;
import static dev.identity.core.TestTokens.rejection;
import static dev.identity.core.TestTokens.token;
import static dev.identity.core.TestTokens.verifier;
import static dev.identity.core.TestTokens.verify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Algorithms, keys and signatures: which token is verified with which key, and when not.
 */
class TokenVerifierSignatureTests {

	private static final KeySet KEYS = keySet(RSA.jwk(), P256.jwk(), P384.jwk(), P521.jwk(), ED25519.jwk(),
			ED448.jwk());

	private final TokenVerifier verifier = verifier();

	@ParameterizedTest
	@EnumSource(value = JwsAlgorithm.class, mode = EnumSource.Mode.EXCLUDE, names = "EdDSA")
	void verifyWhenSignedWithTheRightKeyThenAccepted(JwsAlgorithm algorithm) {
		ValidatedToken validated = verify(this.verifier, token(algorithm).build(), KEYS);
		assertThat(validated.getAlgorithm()).isEqualTo(algorithm);
		assertThat(validated.getSubject()).isEqualTo("alice");
	}

	// CVE-2022-21449: some Java 17 updates verified r = s = 0 for any message; the range
	// check is ours.
	@ParameterizedTest
	@EnumSource(value = JwsAlgorithm.class, names = { "ES256", "ES384", "ES512" })
	void verifyWhenEcdsaSignatureIsAllZeroThenRejectedBeforeTheJdkSeesIt(JwsAlgorithm algorithm) {
		String token = token(algorithm).build();
		int length = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1)).length;
		String forged = token.substring(0, token.lastIndexOf('.') + 1)
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[length]);
		InvalidTokenException exception = rejection(() -> verify(this.verifier, forged, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.SIGNATURE);
		assertThat(exception.getFailures().get(0).description()).contains("could not be verified");
	}

	@Test
	void verifyWhenEdDsaSignedWithEd25519KeyThenAccepted() {
		ValidatedToken validated = verify(this.verifier, token(JwsAlgorithm.EdDSA).build(), KEYS);
		assertThat(validated.getAlgorithm()).isEqualTo(JwsAlgorithm.EdDSA);
		assertThat(validated.getKeyId()).isEqualTo("ed-25519");
	}

	@Test
	void verifyWhenEdDsaSignedWithEd448KeyThenAccepted() {
		String token = token(JwsAlgorithm.EdDSA).header("kid", "ed-448").signedWith("EdDSA", ED448).build();
		assertThat(verify(this.verifier, token, KEYS).getKeyId()).isEqualTo("ed-448");
	}

	@Test
	void verifyWhenAlgorithmNotInPolicyThenAlgorithmFailure() {
		TokenVerifier rsaOnly = new TokenVerifier(policy().algorithms(List.of(JwsAlgorithm.RS256)).build());
		String token = token(JwsAlgorithm.ES256).build();
		InvalidTokenException exception = rejection(() -> verify(rsaOnly, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.ALGORITHM);
		assertThat(exception.getFailures().get(0).description()).contains("ES256").contains("identity.algorithms");
	}

	@Test
	void verifyWhenAlgorithmIsNoneThenAlgorithmFailure() {
		String token = token(JwsAlgorithm.RS256).header("alg", "none").signedWith((input) -> "").build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.ALGORITHM, TokenCheck.SIGNATURE);
		assertThat(exception.getFailures().get(0).description()).contains("never accepted");
	}

	@Test
	void verifyWhenAlgorithmIsNoneWithSignatureThenAlgorithmFailure() {
		// A signature that does verify must not make an unsigned header acceptable.
		String token = token(JwsAlgorithm.RS256).header("alg", "none").build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.ALGORITHM);
	}

	@ParameterizedTest
	@ValueSource(strings = { "x509", "jwk" })
	void verifyWhenHs256SignedWithTheRsaPublicKeyThenAlgorithmFailure(String secretForm) throws Exception {
		// The classic confusion attack: the published RSA key used as an HMAC secret.
		byte[] secret = secretForm.equals("x509") ? ((RSAKey) RSA.jwk()).toRSAPublicKey().getEncoded()
				: RSA.jwk().toJSONString().getBytes(StandardCharsets.UTF_8);
		String token = token(JwsAlgorithm.RS256).header("alg", "HS256")
			.signedWith((input) -> hmac(secret, input))
			.build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.ALGORITHM);
		assertThat(exception.getFailures().get(0).description()).contains("never accepted");
	}

	@ParameterizedTest
	@ValueSource(strings = { "rs256", "Rs256", "RSA256", "ES256K" })
	void verifyWhenAlgorithmIsUnknownSpellingThenAlgorithmFailure(String alg) {
		String token = token(JwsAlgorithm.RS256).header("alg", alg).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.ALGORITHM);
	}

	@Test
	void verifyWhenAlgorithmMissingThenAlgorithmFailure() {
		String token = token(JwsAlgorithm.RS256).withoutHeader("alg").build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.ALGORITHM);
	}

	@Test
	void verifyWhenAlgorithmNotAStringThenAlgorithmFailure() {
		String token = token(JwsAlgorithm.RS256).header("alg", List.of("RS256")).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.ALGORITHM);
	}

	@Test
	void verifyWhenEs256TokenNamesRsaKeyThenKeyFailure() {
		String token = token(JwsAlgorithm.ES256).header("kid", RSA.kid()).build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.KEY);
		assertThat(exception.getFailures().get(0).description()).contains("RSA").contains("EC");
	}

	@Test
	void verifyWhenRs256TokenNamesEd25519KeyThenKeyFailure() {
		String token = token(JwsAlgorithm.RS256).header("kid", ED25519.kid()).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.KEY);
	}

	@Test
	void verifyWhenEs384TokenNamesP256KeyThenKeyFailure() {
		String token = token(JwsAlgorithm.ES384).header("kid", P256.kid()).build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.KEY);
		assertThat(exception.getFailures().get(0).description()).contains("P-256").contains("P-384");
	}

	@Test
	void verifyWhenKeyUseIsEncThenKeyFailure() {
		KeySet keys = keySet(new RSAKey.Builder((RSAKey) RSA.jwk()).keyUse(KeyUse.ENCRYPTION).build());
		String token = token(JwsAlgorithm.RS256).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, keys)))).containsExactly(TokenCheck.KEY);
	}

	@Test
	void verifyWhenKeyUseIsSigThenAccepted() {
		KeySet keys = keySet(new RSAKey.Builder((RSAKey) RSA.jwk()).keyUse(KeyUse.SIGNATURE).build());
		assertThat(verify(this.verifier, token(JwsAlgorithm.RS256).build(), keys)).isNotNull();
	}

	@Test
	void verifyWhenKeyRestrictedToAnotherAlgorithmThenKeyFailure() {
		KeySet keys = keySet(new RSAKey.Builder((RSAKey) RSA.jwk()).algorithm(JWSAlgorithm.PS256).build());
		String token = token(JwsAlgorithm.RS256).build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, keys));
		assertThat(checks(exception)).containsExactly(TokenCheck.KEY);
		assertThat(exception.getFailures().get(0).description()).contains("restricted to alg PS256");
	}

	@Test
	void verifyWhenKeyRestrictedToTheTokenAlgorithmThenAccepted() {
		KeySet keys = keySet(new RSAKey.Builder((RSAKey) RSA.jwk()).algorithm(JWSAlgorithm.RS256).build());
		assertThat(verify(this.verifier, token(JwsAlgorithm.RS256).build(), keys)).isNotNull();
	}

	@Test
	void verifyWhenKeyOpsLackVerifyThenKeyFailure() {
		KeySet keys = keySet(new RSAKey.Builder((RSAKey) RSA.jwk())
			.keyOperations(Set.of(KeyOperation.ENCRYPT, KeyOperation.WRAP_KEY))
			.build());
		String token = token(JwsAlgorithm.RS256).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, keys)))).containsExactly(TokenCheck.KEY);
	}

	@Test
	void verifyWhenKeyOpsIncludeVerifyThenAccepted() {
		KeySet keys = keySet(new RSAKey.Builder((RSAKey) RSA.jwk()).keyOperations(Set.of(KeyOperation.VERIFY)).build());
		assertThat(verify(this.verifier, token(JwsAlgorithm.RS256).build(), keys)).isNotNull();
	}

	@Test
	void verifyWhenRsaKeyShorterThan2048BitsThenKeyFailure() {
		KeySet keys = keySet(WEAK_RSA.jwk());
		String token = token(JwsAlgorithm.RS256).header("kid", WEAK_RSA.kid()).signedWith("RS256", WEAK_RSA).build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, keys));
		assertThat(checks(exception)).containsExactly(TokenCheck.KEY);
		assertThat(exception.getFailures().get(0).description()).contains("1024 bits");
	}

	@Test
	void selectKeyWhenRsaKeyShorterThan2048BitsAndNoKidThenNoKey() {
		KeySet keys = keySet(WEAK_RSA.jwk());
		String token = token(JwsAlgorithm.RS256).withoutHeader("kid").signedWith("RS256", WEAK_RSA).build();
		assertThat(this.verifier.selectKey(this.verifier.parse(token), keys)).isNull();
	}

	@Test
	void verifyWhenEmbeddedJwkSignedByAttackerThenSignatureFailure() {
		String token = token(JwsAlgorithm.RS256).header("jwk", ATTACKER_RSA.jwk().toJSONObject())
			.signedWith("RS256", ATTACKER_RSA)
			.build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.SIGNATURE);
	}

	@Test
	void verifyWhenEmbeddedJwkSignedByAttackerAndNoKidThenSignatureFailure() {
		String token = token(JwsAlgorithm.RS256).withoutHeader("kid")
			.header("jwk", ATTACKER_RSA.jwk().toJSONObject())
			.signedWith("RS256", ATTACKER_RSA)
			.build();
		ParsedToken parsed = this.verifier.parse(token);
		assertThat(this.verifier.selectKey(parsed, KEYS)).isSameAs(KEYS.get(RSA.kid()));
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.SIGNATURE);
	}

	@Test
	void selectKeyWhenJkuAndX5uHeadersPresentThenKeyFromTheSet() {
		String token = token(JwsAlgorithm.RS256).withoutHeader("kid")
			.header("jku", "https://attacker.example/jwks.json")
			.header("x5u", "https://attacker.example/cert.pem")
			.build();
		assertThat(this.verifier.selectKey(this.verifier.parse(token), KEYS)).isSameAs(KEYS.get(RSA.kid()));
		assertThat(verify(this.verifier, token, KEYS)).isNotNull();
	}

	@Test
	void verifyWhenJkuHeaderPointsToAttackerKeysThenSignatureFailure() {
		String token = token(JwsAlgorithm.RS256).header("jku", "https://attacker.example/jwks.json")
			.header("x5u", "https://attacker.example/cert.pem")
			.signedWith("RS256", ATTACKER_RSA)
			.build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.SIGNATURE);
	}

	@Test
	void selectKeyWhenNoKidAndOneFittingKeyThenThatKey() {
		String token = token(JwsAlgorithm.ES256).withoutHeader("kid").build();
		assertThat(this.verifier.selectKey(this.verifier.parse(token), KEYS)).isSameAs(KEYS.get(P256.kid()));
		ValidatedToken validated = verify(this.verifier, token, KEYS);
		assertThat(validated.getKeyId()).isNull();
	}

	@Test
	void selectKeyWhenNoKidAndTwoFittingKeysThenKeyFailure() {
		KeySet keys = keySet(RSA.jwk(), OTHER_RSA.jwk(), P256.jwk());
		ParsedToken parsed = this.verifier.parse(token(JwsAlgorithm.RS256).withoutHeader("kid").build());
		InvalidTokenException exception = rejection(() -> this.verifier.selectKey(parsed, keys));
		assertThat(checks(exception)).containsExactly(TokenCheck.KEY);
		assertThat(exception.getFailures().get(0).description()).contains("2 keys");
	}

	@Test
	void selectKeyWhenNoKidAndNoFittingKeyThenNull() {
		ParsedToken parsed = this.verifier.parse(token(JwsAlgorithm.ES256).withoutHeader("kid").build());
		assertThat(this.verifier.selectKey(parsed, keySet(RSA.jwk()))).isNull();
	}

	@Test
	void selectKeyWhenNoKidAndAlgorithmRejectedThenNull() {
		ParsedToken parsed = this.verifier
			.parse(token(JwsAlgorithm.RS256).withoutHeader("kid").header("alg", "HS256").build());
		assertThat(this.verifier.selectKey(parsed, KEYS)).isNull();
	}

	@Test
	void selectKeyWhenUnknownKidThenNull() {
		ParsedToken parsed = this.verifier.parse(token(JwsAlgorithm.RS256).header("kid", "rotated-away").build());
		assertThat(this.verifier.selectKey(parsed, KEYS)).isNull();
	}

	@Test
	void selectKeyWhenKidKnownThenThatKeyEvenIfOthersFit() {
		KeySet keys = keySet(OTHER_RSA.jwk(), RSA.jwk());
		ParsedToken parsed = this.verifier.parse(token(JwsAlgorithm.RS256).build());
		assertThat(this.verifier.selectKey(parsed, keys)).isSameAs(keys.get(RSA.kid()));
	}

	@Test
	void rejectWhenNoKeyThenReasonAndClaimFailuresReported() {
		ParsedToken parsed = this.verifier.parse(token(JwsAlgorithm.RS256).header("kid", "rotated-away")
			.claim("exp", TestTokens.NOW.minusSeconds(3600).getEpochSecond())
			.build());
		InvalidTokenException exception = this.verifier.reject(parsed,
				new TokenCheckFailure(TokenCheck.KEY, "no key with kid 'rotated-away'"), TestTokens.NOW);
		assertThat(checks(exception)).containsExactly(TokenCheck.KEY, TokenCheck.EXPIRY);
	}

	@Test
	void rejectWhenHeaderFailedAndNoReasonThenHeaderFailuresReported() {
		ParsedToken parsed = this.verifier.parse(token(JwsAlgorithm.RS256).header("typ", "JWT").build());
		assertThat(parsed.hasHeaderFailures()).isTrue();
		assertThat(checks(this.verifier.reject(parsed, null, TestTokens.NOW))).containsExactly(TokenCheck.TYPE);
	}

	@Test
	void verifyWhenSignedByAnotherKeyWithTheSameKidThenSignatureFailure() {
		String token = token(JwsAlgorithm.RS256).signedWith("RS256", ATTACKER_RSA).build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.SIGNATURE);
		assertThat(exception.getFailures().get(0).description()).contains("'rsa-1'");
	}

	@Test
	void verifyWhenHeaderSaysPs256ButSignedWithRs256ThenSignatureFailure() {
		String token = token(JwsAlgorithm.PS256).signedWith("RS256", RSA).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.SIGNATURE);
	}

	@ParameterizedTest
	@EnumSource(value = JwsAlgorithm.class, names = { "RS256", "ES256", "EdDSA" })
	void verifyWhenPayloadTamperedThenSignatureFailure(JwsAlgorithm algorithm) {
		String[] parts = token(algorithm).build().split("\\.");
		String forgedPayload = base64url(
				new String(decode(parts[1]), StandardCharsets.UTF_8).replace("alice", "admin"));
		String token = parts[0] + "." + forgedPayload + "." + parts[2];
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.SIGNATURE);
	}

	@ParameterizedTest
	@EnumSource(value = JwsAlgorithm.class, names = { "RS256", "ES256", "EdDSA" })
	void verifyWhenSignatureOneByteShortThenSignatureFailure(JwsAlgorithm algorithm) {
		String[] parts = token(algorithm).build().split("\\.");
		byte[] signature = decode(parts[2]);
		String token = parts[0] + "." + parts[1] + "." + base64url(Arrays.copyOf(signature, signature.length - 1));
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.SIGNATURE);
		assertThat(exception.getFailures().get(0).description()).contains((signature.length - 1) + " bytes");
	}

	@Test
	void verifyWhenEcSignatureHalvesAreZeroPaddedThenSignatureFailure() {
		// R and S each one byte longer, with a leading zero: the same numbers, a second
		// spelling of a
		// valid signature. JWS fixes the length (RFC 7518 §3.4), so this must not verify.
		String[] parts = token(JwsAlgorithm.ES256).build().split("\\.");
		byte[] signature = decode(parts[2]);
		byte[] padded = new byte[66];
		System.arraycopy(signature, 0, padded, 1, 32);
		System.arraycopy(signature, 32, padded, 34, 32);
		String token = parts[0] + "." + parts[1] + "." + base64url(padded);
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.SIGNATURE);
	}

	@Test
	void verifyWhenEcSignatureIsDerEncodedThenSignatureFailure() throws Exception {
		String[] parts = token(JwsAlgorithm.ES256).build().split("\\.");
		byte[] der = ECDSA.transcodeSignatureToDER(decode(parts[2]));
		String token = parts[0] + "." + parts[1] + "." + base64url(der);
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.SIGNATURE);
	}

	@Test
	void verifyWhenSignatureEmptyThenSignatureFailure() {
		String token = token(JwsAlgorithm.RS256).signedWith((input) -> "").build();
		assertThat(token).endsWith(".");
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.SIGNATURE);
	}

	private static String hmac(byte[] secret, byte[] input) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return base64url(mac.doFinal(input));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
