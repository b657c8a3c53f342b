package dev.identity.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Building a policy: defaults, and every argument checked.
 */
class ValidationPolicyTests {

	@Test
	void buildWhenOnlyIssuerThenDefaults() {
		ValidationPolicy policy = ValidationPolicy.withIssuer("https://idp.example.com").build();
		assertThat(policy.getIssuer()).isEqualTo("https://idp.example.com");
		assertThat(policy.getAudiences()).isEmpty();
		assertThat(policy.getAlgorithms()).isEqualTo(EnumSet.allOf(JwsAlgorithm.class));
		assertThat(policy.getClockSkew()).isEqualTo(Duration.ofSeconds(60));
		assertThat(policy.getRequiredType()).isNull();
		assertThat(policy.getRequiredClaims()).isEmpty();
		assertThat(policy.isIdTokensAccepted()).isFalse();
	}

	@Test
	void withIssuerWhenNullThenNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> ValidationPolicy.withIssuer(null));
	}

	@Test
	void withIssuerWhenBlankThenIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> ValidationPolicy.withIssuer(" "));
	}

	@Test
	void audiencesWhenBlankOrNullValueThenIllegalArgumentException() {
		ValidationPolicy.Builder builder = ValidationPolicy.withIssuer("https://idp.example.com");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.audiences(List.of("a", " ")));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.audiences(Arrays.asList("a", null)));
		assertThatNullPointerException().isThrownBy(() -> builder.audiences(null));
	}

	@Test
	void algorithmsWhenEmptyThenIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ValidationPolicy.withIssuer("https://idp.example.com").algorithms(List.of()));
	}

	@Test
	void algorithmsWhenGivenThenReplaceTheDefaults() {
		ValidationPolicy policy = ValidationPolicy.withIssuer("https://idp.example.com")
			.algorithms(List.of(JwsAlgorithm.ES256))
			.build();
		assertThat(policy.getAlgorithms()).containsExactly(JwsAlgorithm.ES256);
	}

	@Test
	void clockSkewWhenNegativeThenIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ValidationPolicy.withIssuer("https://idp.example.com").clockSkew(Duration.ofSeconds(-1)));
	}

	@Test
	void requiredTypeWhenGivenThenTrimmedAndLowerCase() {
		assertThat(ValidationPolicy.withIssuer("i").requiredType(" AT+JWT ").build().getRequiredType())
			.isEqualTo("at+jwt");
		assertThat(ValidationPolicy.withIssuer("i").requiredType(" ").build().getRequiredType()).isNull();
	}

	@Test
	void requiredClaimsWhenBlankNameThenIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ValidationPolicy.withIssuer("i").requiredClaims(List.of("tenant", "")));
	}

	@Test
	void buildThenImmutableAndIndependentOfTheBuilder() {
		ValidationPolicy.Builder builder = ValidationPolicy.withIssuer("i").audiences(List.of("a"));
		ValidationPolicy policy = builder.build();
		builder.audiences(List.of("b"));
		assertThat(policy.getAudiences()).containsExactly("a");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> policy.getAudiences().add("c"));
		assertThat(policy.toString()).contains("issuer=i").contains("audiences=[a]");
	}

}
