package dev.identity.core;

import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.identity.core.TestTokens.ED25519;
import static dev.identity.core.TestTokens.OTHER_RSA;
import static dev.identity.core.TestTokens.P256;
import static dev.identity.core.TestTokens.RSA;
import static dev.identity.core.TestTokens.jwkSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Parsing a provider's JWK set and keeping only keys that can verify a signature.
 */
class KeySetTests {

	private static final String OCT = "{\"kty\":\"oct\",\"kid\":\"hmac\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0\"}";

	private static final String X25519 = "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"kid\":\"ecdh\","
			+ "\"x\":\"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo\"}";

	@ParameterizedTest
	@ValueSource(strings = { "not json", "{\"keys\":", "[]", "{\"keys\":{}}", "{\"keys\":[{\"kty\":\"RSA\"}]}" })
	void parseWhenMalformedThenIllegalArgumentException(String json) {
		assertThatIllegalArgumentException().isThrownBy(() -> KeySet.parse(json));
	}

	@Test
	void parseWhenNoKeysThenIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeySet.parse("{\"keys\":[]}"))
			.withMessageContaining("no asymmetric public key");
	}

	@Test
	void parseWhenOnlyOctKeyThenIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeySet.parse("{\"keys\":[" + OCT + "]}"))
			.withMessageContaining("no asymmetric public key")
			.withMessageContaining("1 keys");
	}

	@Test
	void parseWhenOnlyKeyAgreementCurveThenIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeySet.parse("{\"keys\":[" + X25519 + "]}"));
	}

	@Test
	void parseWhenMixedSetThenAsymmetricKeysKept() {
		String rsa = RSA.jwk().toJSONString();
		String ec = P256.jwk().toJSONString();
		String ed = ED25519.jwk().toJSONString();
		KeySet keys = KeySet.parse("{\"keys\":[" + OCT + "," + rsa + "," + X25519 + "," + ec + "," + ed + "]}");
		assertThat(keys.size()).isEqualTo(3);
		assertThat(keys.isEmpty()).isFalse();
		assertThat(keys.keys()).extracting(VerificationKey::getKeyId).containsExactly("rsa-1", "ec-256", "ed-25519");
		assertThat(keys.contains("hmac")).isFalse();
		assertThat(keys.get("hmac")).isNull();
		assertThat(keys.get("rsa-1").getFamily()).isEqualTo(JwsAlgorithm.KeyFamily.RSA);
		assertThat(keys.get("ec-256").getFamily()).isEqualTo(JwsAlgorithm.KeyFamily.EC);
		assertThat(keys.get("ed-25519").getFamily()).isEqualTo(JwsAlgorithm.KeyFamily.OKP);
	}

	@Test
	void parseWhenKeyCarriesPrivatePartsThenOnlyThePublicKeyIsKept() throws Exception {
		RSAKey full = new RSAKeyGenerator(2048).keyID("leaked").generate();
		KeySet keys = KeySet.parse("{\"keys\":[" + full.toJSONString() + "]}");
		assertThat(keys.get("leaked").getPublicKey()).isEqualTo(full.toRSAPublicKey());
	}

	@Test
	void parseWhenOneKeyMalformedThenOtherKeysKeptAndMalformedOneNamed() {
		String truncated = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"short\",\"x\":\"AAAA\"}";
		String noExponent = "{\"kty\":\"RSA\",\"kid\":\"no-e\",\"n\":\"" + ((RSAKey) RSA.jwk()).getModulus() + "\"}";
		KeySet keys = KeySet
			.parse("{\"keys\":[" + truncated + "," + RSA.jwk().toJSONString() + "," + noExponent + "]}");
		assertThat(keys.keys()).extracting(VerificationKey::getKeyId).containsExactly("rsa-1");
		assertThat(keys.ignored()).hasSize(2);
		assertThat(keys.ignored().get(0)).startsWith("key 'short' (OKP): ");
		assertThat(keys.ignored().get(1)).startsWith("key 'no-e' (RSA): ");
	}

	@Test
	void parseWhenMalformedKeyHasControlCharactersInKidThenDescriptionShowsThemReplaced() {
		String malformed = "{\"kty\":\"RSA\",\"kid\":\"a\\nb\",\"n\":\"AQAB\"}";
		KeySet keys = KeySet.parse("{\"keys\":[" + malformed + "," + RSA.jwk().toJSONString() + "]}");
		assertThat(keys.ignored()).singleElement(InstanceOfAssertFactories.STRING)
			.startsWith("key 'a?b' (RSA): ")
			.doesNotContain("\n");
	}

	@Test
	void parseWhenNullMemberThenOtherKeysKept() {
		KeySet keys = KeySet.parse("{\"keys\":[null," + RSA.jwk().toJSONString() + "]}");
		assertThat(keys.keys()).extracting(VerificationKey::getKeyId).containsExactly("rsa-1");
		assertThat(keys.ignored()).containsExactly("null member");
	}

	@Test
	void parseWhenManyMalformedKeysThenTheFirstTenDescribedAndTheRestCounted() {
		StringBuilder json = new StringBuilder("{\"keys\":[");
		for (int i = 0; i < 25; i++) {
			json.append("{\"kty\":\"RSA\",\"kid\":\"broken-").append(i).append("\"},");
		}
		json.append(RSA.jwk().toJSONString()).append("]}");
		KeySet keys = KeySet.parse(json.toString());
		assertThat(keys.size()).isOne();
		assertThat(keys.ignored()).hasSize(11).endsWith("and 15 more");
		assertThat(keys.ignored().get(9)).startsWith("key 'broken-9' (RSA)");
	}

	@Test
	void toStringWhenKidHoldsControlCharactersThenReplaced() throws Exception {
		RSAKey odd = new RSAKey.Builder((RSAKey) RSA.jwk()).keyID("line\nbreak").build();
		assertThat(KeySet.parse(jwkSet(odd))).hasToString("KeySet[line?break]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"kty\":\"PQC\",\"kid\":\"later\",\"pub\":\"AAAA\"}",
			"{\"kty\":\"EC\",\"crv\":\"P-999\",\"kid\":\"odd\",\"x\":\"AAAA\",\"y\":\"AAAA\"}" })
	void parseWhenKeyTypeOrCurveUnknownThenSkippedWithoutComplaint(String unknown) {
		KeySet keys = KeySet.parse("{\"keys\":[" + unknown + "," + RSA.jwk().toJSONString() + "]}");
		assertThat(keys.keys()).extracting(VerificationKey::getKeyId).containsExactly("rsa-1");
		assertThat(keys.ignored()).isEmpty();
	}

	@Test
	void parseWhenOnlyMalformedKeysThenIllegalArgumentExceptionNamingThem() {
		String truncated = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"short\",\"x\":\"AAAA\"}";
		assertThatIllegalArgumentException().isThrownBy(() -> KeySet.parse("{\"keys\":[" + truncated + "]}"))
			.withMessageContaining("no asymmetric public key")
			.withMessageContaining("key 'short' (OKP)");
	}

	@Test
	void parseWhenDuplicateKidThenFirstWins() throws Exception {
		RSAKey second = new RSAKey.Builder((RSAKey) OTHER_RSA.jwk()).keyID(RSA.kid()).build();
		KeySet keys = KeySet.parse(jwkSet(RSA.jwk(), second));
		assertThat(keys.get(RSA.kid()).getPublicKey()).isEqualTo(((RSAKey) RSA.jwk()).toRSAPublicKey());
		assertThat(keys.size()).isEqualTo(2);
	}

	@Test
	void fittingThenOnlyKeysTheAlgorithmMayUse() {
		KeySet keys = KeySet.parse(jwkSet(RSA.jwk(), OTHER_RSA.jwk(), P256.jwk(), ED25519.jwk()));
		assertThat(keys.fitting(JwsAlgorithm.RS256)).extracting(VerificationKey::getKeyId)
			.containsExactly("rsa-1", "rsa-2");
		assertThat(keys.fitting(JwsAlgorithm.ES256)).extracting(VerificationKey::getKeyId).containsExactly("ec-256");
		assertThat(keys.fitting(JwsAlgorithm.ES384)).isEmpty();
		assertThat(keys.fitting(JwsAlgorithm.EdDSA)).extracting(VerificationKey::getKeyId).containsExactly("ed-25519");
	}

	@Test
	void emptyThenHoldsNothing() {
		assertThat(KeySet.empty().isEmpty()).isTrue();
		assertThat(KeySet.empty().fitting(JwsAlgorithm.RS256)).isEmpty();
		assertThat(KeySet.of(List.of()).size()).isZero();
	}

	@Test
	void toStringThenListsKeyIds() {
		assertThat(KeySet.parse(jwkSet(RSA.jwk(), P256.jwk()))).hasToString("KeySet[rsa-1, ec-256]");
		assertThat(KeySet.parse(jwkSet(P256.jwk())).get("ec-256"))
			.hasToString("VerificationKey[kid=ec-256, kty=EC, crv=P-256]");
	}

}
