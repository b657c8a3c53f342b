package dev.identity.login.internal;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PkceTests {

	@Test
	void challengeWhenRfc7636AppendixBVerifierThenRfcChallenge() {
		assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
			.isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
	}

	@Test
	void newVerifierWhenRfc7636AppendixBOctetsThenRfcVerifier() {
		byte[] octets = { 116, 24, (byte) 223, (byte) 180, (byte) 151, (byte) 153, (byte) 224, 37, 79, (byte) 250, 96,
				125, (byte) 216, (byte) 173, (byte) 187, (byte) 186, 22, (byte) 212, 37, 77, 105, (byte) 214,
				(byte) 191, (byte) 240, 91, 88, 5, 88, 83, (byte) 132, (byte) 141, 121 };
		assertThat(Pkce.newVerifier(new FixedRandom(octets))).isEqualTo("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
	}

	@Test
	void newVerifierThenFortyThreeUnreservedCharacters() {
		String verifier = Pkce.newVerifier(new SecureRandom());
		assertThat(verifier).hasSize(43).matches("[A-Za-z0-9._~-]+");
	}

	@Test
	void newVerifierWhenCalledTwiceThenDifferent() {
		SecureRandom random = new SecureRandom();
		assertThat(Pkce.newVerifier(random)).isNotEqualTo(Pkce.newVerifier(random));
	}

	@Test
	void challengeWhenVerifierShorterThan43ThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Pkce.challenge("a".repeat(42)))
			.withMessageContaining("43 to 128");
	}

	@Test
	void challengeWhenVerifierLongerThan128ThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Pkce.challenge("a".repeat(129)))
			.withMessageContaining("43 to 128");
	}

	@Test
	void challengeWhenVerifierOf43And128UnreservedCharactersThenAccepted() {
		assertThat(Pkce.challenge("a".repeat(43))).hasSize(43);
		assertThat(Pkce.challenge("-._~" + "Z9".repeat(62))).hasSize(43);
	}

	@Test
	void challengeWhenVerifierHoldsReservedCharacterThenRejected() {
		String base = "a".repeat(42);
		assertThatIllegalArgumentException().isThrownBy(() -> Pkce.challenge(base + "+"))
			.withMessageContaining("unreserved");
		assertThatIllegalArgumentException().isThrownBy(() -> Pkce.challenge(base + "/"));
		assertThatIllegalArgumentException().isThrownBy(() -> Pkce.challenge(base + "="));
		assertThatIllegalArgumentException().isThrownBy(() -> Pkce.challenge(base + "\u00e9"));
	}

	/** Hands out fixed octets, to reproduce a published example. */
	private static final class FixedRandom extends SecureRandom {

		private final byte[] octets;

		FixedRandom(byte[] octets) {
			this.octets = octets;
		}

		@Override
		public void nextBytes(byte[] bytes) {
			System.arraycopy(this.octets, 0, bytes, 0, bytes.length);
		}

	}

}
