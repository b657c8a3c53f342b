package dev.identity.core;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.identity.core.TestTokens.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The answer of an application's claims validator.
 */
class ClaimsCheckTests {

	private static final ValidatedToken TOKEN = new ValidatedToken("h.p.s", JwsAlgorithm.RS256, "rsa-1", "at+jwt",
			Map.of("sub", "alice", "iss", "https://idp.example.com"), Instant.parse("2030-06-01T12:05:00Z"));

	@Test
	void orThrowWhenValidThenSameToken() {
		assertThat(ClaimsCheck.valid().orThrow(TOKEN)).isSameAs(TOKEN);
		assertThat(ClaimsCheck.valid().isValid()).isTrue();
		assertThat(ClaimsCheck.valid().getErrors()).isEmpty();
	}

	@Test
	void orThrowWhenInvalidThenOneCustomFailurePerError() {
		InvalidTokenException exception = rejection(
				() -> ClaimsCheck.invalid("tenant is suspended", "role missing").orThrow(TOKEN));
		assertThat(exception.getFailures()).containsExactly(
				new TokenCheckFailure(TokenCheck.CUSTOM, "tenant is suspended"),
				new TokenCheckFailure(TokenCheck.CUSTOM, "role missing"));
		assertThat(exception.hasFailed(TokenCheck.CUSTOM)).isTrue();
	}

	@Test
	void invalidWhenNoErrorThenIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimsCheck.invalid());
	}

	@Test
	void requireWhenConditionHoldsThenValid() {
		assertThat(ClaimsCheck.require(true, "unused").isValid()).isTrue();
	}

	@Test
	void requireWhenConditionFailsThenInvalidWithTheError() {
		ClaimsCheck check = ClaimsCheck.require(false, "tenant must be acme");
		assertThat(check.isValid()).isFalse();
		assertThat(check.getErrors()).containsExactly("tenant must be acme");
		assertThat(rejection(() -> check.orThrow(TOKEN)).getFailures()).singleElement()
			.extracting(TokenCheckFailure::check)
			.isEqualTo(TokenCheck.CUSTOM);
	}

	@Test
	void toStringThenShowsValidityOrErrors() {
		assertThat(ClaimsCheck.valid()).hasToString("ClaimsCheck[valid]");
		assertThat(ClaimsCheck.invalid("a", "b")).hasToString("ClaimsCheck[a, b]");
	}

}
