package dev.identity.core;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Algorithm names from token headers (exact) and from configuration (forgiving, but never
 * symmetric).
 */
class JwsAlgorithmTests {

	@Test
	void fromHeaderWhenExactNameThenAlgorithm() {
		assertThat(JwsAlgorithm.fromHeader("ES384")).isEqualTo(JwsAlgorithm.ES384);
		assertThat(JwsAlgorithm.fromHeader("EdDSA")).isEqualTo(JwsAlgorithm.EdDSA);
	}

	@ParameterizedTest
	@ValueSource(strings = { "es384", "EDDSA", "none", "HS256", "HS512", "Ed25519", "" })
	void fromHeaderWhenOtherSpellingOrSymmetricThenNull(String name) {
		assertThat(JwsAlgorithm.fromHeader(name)).isNull();
	}

	@Test
	void valuesThenOnlyAsymmetricAlgorithms() {
		assertThat(List.of(JwsAlgorithm.values())).extracting(JwsAlgorithm::name)
			.noneMatch((name) -> name.startsWith("HS") || name.equalsIgnoreCase("none"));
	}

	@Test
	void fromConfigurationWhenAnyCaseAndSpacesThenAlgorithm() {
		assertThat(JwsAlgorithm.fromConfiguration(" rs256 ")).isEqualTo(JwsAlgorithm.RS256);
		assertThat(JwsAlgorithm.fromConfiguration("eddsa")).isEqualTo(JwsAlgorithm.EdDSA);
	}

	@ParameterizedTest
	@ValueSource(strings = { "HS256", "hs512", "none", "NONE" })
	void fromConfigurationWhenSymmetricOrUnsignedThenIllegalArgumentExceptionSayingNever(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> JwsAlgorithm.fromConfiguration(name))
			.withMessageContaining("never accepted");
	}

	@Test
	void fromConfigurationWhenUnknownThenIllegalArgumentExceptionListingTheAccepted() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwsAlgorithm.fromConfiguration("RSA-OAEP"))
			.withMessageContaining("'RSA-OAEP'")
			.withMessageContaining("PS256")
			.withMessageNotContaining("never accepted");
	}

	@Test
	void familyAndCurveThenMatchRfc7518() {
		assertThat(JwsAlgorithm.PS384.family()).isEqualTo(JwsAlgorithm.KeyFamily.RSA);
		assertThat(JwsAlgorithm.ES256.curve()).isEqualTo("P-256");
		assertThat(JwsAlgorithm.ES384.curve()).isEqualTo("P-384");
		assertThat(JwsAlgorithm.ES512.curve()).isEqualTo("P-521");
		assertThat(JwsAlgorithm.EdDSA.family()).isEqualTo(JwsAlgorithm.KeyFamily.OKP);
		assertThat(JwsAlgorithm.RS256.curve()).isNull();
	}

}
