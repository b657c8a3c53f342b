package dev.identity.core.internal.validation;

import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.identity.core.JwsAlgorithm;
import dev.identity.core.KeySet;
import dev.identity.core.TokenCheck;
import dev.identity.core.VerificationKey;
import dev.identity.core.internal.CoreAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.identity.core.TestTokens.ATTACKER_RSA;
import static dev.identity.core.TestTokens.ED25519;
import static dev.identity.core.TestTokens.P256;
import static dev.identity.core.TestTokens.RSA;
import static dev.identity.core.TestTokens.checks;
import static dev.identity.core.TestTokens.keySet;
import static dev.identity.core.TestTokens.rejection;
import static dev.identity.core.TestTokens.token;
import static dev.identity.core.TestTokens.verifier;
import static dev.identity.core.TestTokens.verify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key's idle {@link Signature} objects: one verification leaves its object for the
 * next, which still tells a good signature from a bad one; objects are never shared by
 * two verifications at once.
 */
class SignaturePoolTests {

	private final TokenVerifier verifier = verifier();

	private final KeySet keys = keySet(RSA.jwk());

	private final SignaturePool pool = CoreAccess.keys().signatures(key());

	@Test
	void verifyWhenTheKeyVerifiesAgainThenItsObjectIsReusedAndStillTellsGoodFromBad() {
		String good = token(JwsAlgorithm.RS256).build();
		// Same kid, another key: the signature does not verify with the published one.
		String forged = token(JwsAlgorithm.RS256).signedWith("RS256", ATTACKER_RSA).build();
		assertThat(this.pool.idle()).isZero();
		verify(this.verifier, good, this.keys);
		assertThat(this.pool.idle()).isOne();
		Signature kept = this.pool.take(JwsAlgorithm.RS256);
		assertThat(kept).isNotNull();
		this.pool.giveBack(JwsAlgorithm.RS256, kept, true);
		assertThat(checks(rejection(() -> verify(this.verifier, forged, this.keys))))
			.containsExactly(TokenCheck.SIGNATURE);
		// A verification that answered false gives its object back too.
		assertThat(this.pool.take(JwsAlgorithm.RS256)).isSameAs(kept);
		this.pool.giveBack(JwsAlgorithm.RS256, kept, true);
		assertThat(verify(this.verifier, good, this.keys).getSubject()).isEqualTo("alice");
		assertThat(this.pool.take(JwsAlgorithm.RS256)).isSameAs(kept);
	}

	@ParameterizedTest
	@EnumSource(value = JwsAlgorithm.class, names = { "RS256", "PS256", "ES256", "EdDSA" })
	void verifyWhenAKeptObjectMeetsAGoodABadAndAGoodSignatureThenEachVerdictIsRight(JwsAlgorithm algorithm) {
		KeySet keys = keySet(RSA.jwk(), P256.jwk(), ED25519.jwk());
		String good = token(algorithm).build();
		String other = token(algorithm).claim("sub", "bob").build();
		// A signature of the same key over another payload: the right length, wrong.
		String swapped = good.substring(0, good.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
		VerificationKey key = this.verifier.selectKey(this.verifier.parse(good), keys);
		assertThat(key).isNotNull();
		SignaturePool pool = CoreAccess.keys().signatures(key);
		verify(this.verifier, good, keys);
		Signature kept = pool.take(algorithm);
		assertThat(kept).isNotNull();
		pool.giveBack(algorithm, kept, true);
		assertThat(checks(rejection(() -> verify(this.verifier, swapped, keys)))).containsExactly(TokenCheck.SIGNATURE);
		assertThat(pool.idle()).isOne();
		assertThat(verify(this.verifier, good, keys).getSubject()).isEqualTo("alice");
		assertThat(verify(this.verifier, other, keys).getSubject()).isEqualTo("bob");
		assertThat(pool.take(algorithm)).isSameAs(kept);
	}

	@Test
	void verifyWhenAForgedTokenOfAnotherAlgorithmComesFirstThenThePoolStaysForTheSignedOnes() {
		// The kid is public: a forger can name the key with any algorithm it fits.
		String forged = token(JwsAlgorithm.PS512).signedWith("PS512", ATTACKER_RSA).build();
		assertThat(checks(rejection(() -> verify(this.verifier, forged, this.keys))))
			.containsExactly(TokenCheck.SIGNATURE);
		verify(this.verifier, token(JwsAlgorithm.RS256).build(), this.keys);
		assertThat(this.pool.take(JwsAlgorithm.PS512)).isNull();
		assertThat(this.pool.take(JwsAlgorithm.RS256)).isNotNull();
	}

	@Test
	void verifyWhenTheKeyServesASecondAlgorithmThenOnlyTheFirstOnesObjectsAreKept() {
		verify(this.verifier, token(JwsAlgorithm.RS256).build(), this.keys);
		verify(this.verifier, token(JwsAlgorithm.PS256).build(), this.keys);
		verify(this.verifier, token(JwsAlgorithm.PS256).build(), this.keys);
		assertThat(this.pool.take(JwsAlgorithm.PS256)).isNull();
		Signature kept = this.pool.take(JwsAlgorithm.RS256);
		assertThat(kept).isNotNull();
		assertThat(kept.getAlgorithm()).isEqualTo(JwsAlgorithm.RS256.jcaName());
	}

	@Test
	void giveBackWhenEverySlotIsTakenThenTheObjectIsDroppedAndTakeNeverHandsOneOutTwice() throws Exception {
		List<Signature> made = new ArrayList<>();
		for (int i = 0; i < SignaturePool.SLOTS + 2; i++) {
			Signature signature = Signature.getInstance(JwsAlgorithm.RS256.jcaName());
			signature.initVerify(key().getPublicKey());
			made.add(signature);
			this.pool.giveBack(JwsAlgorithm.RS256, signature, true);
		}
		assertThat(this.pool.idle()).isEqualTo(SignaturePool.SLOTS);
		List<Signature> taken = new ArrayList<>();
		for (int i = 0; i <= SignaturePool.SLOTS; i++) {
			Signature next = this.pool.take(JwsAlgorithm.RS256);
			if (next != null) {
				taken.add(next);
			}
		}
		assertThat(taken).hasSize(SignaturePool.SLOTS)
			.doesNotHaveDuplicates()
			.containsExactlyElementsOf(made.subList(0, SignaturePool.SLOTS));
		assertThat(this.pool.idle()).isZero();
	}

	@Test
	void verifyWhenThreadsShareTheKeyThenEveryVerdictIsRight() throws Exception {
		String good = token(JwsAlgorithm.RS256).build();
		String forged = token(JwsAlgorithm.RS256).signedWith("RS256", ATTACKER_RSA).build();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Integer>> work = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				work.add(() -> {
					int wrong = 0;
					for (int i = 0; i < 300; i++) {
						boolean forgedTurn = (i % 3 == 0);
						boolean accepted = accepted(forgedTurn ? forged : good);
						if (accepted == forgedTurn) {
							wrong++;
						}
					}
					return wrong;
				});
			}
			int wrong = 0;
			for (Future<Integer> result : threads.invokeAll(work)) {
				wrong += result.get();
			}
			// One object shared by two verifications at once mixes their digests: good
			// tokens are refused.
			assertThat(wrong).isZero();
			assertThat(this.pool.idle()).isBetween(1, SignaturePool.SLOTS);
		}
		finally {
			threads.shutdownNow();
		}
	}

	private boolean accepted(String token) {
		try {
			verify(this.verifier, token, this.keys);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private VerificationKey key() {
		VerificationKey key = this.keys.get("rsa-1");
		assertThat(key).isNotNull();
		return key;
	}

}
