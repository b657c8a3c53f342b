package dev.identity.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * A rejection carries every failed check.
 */
class InvalidTokenExceptionTests {

	@Test
	void constructorWhenNoFailureThenIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InvalidTokenException(List.of()));
	}

	@Test
	void getFailuresThenCopyInOrder() {
		List<TokenCheckFailure> failures = new ArrayList<>(
				List.of(new TokenCheckFailure(TokenCheck.ISSUER, "a"), new TokenCheckFailure(TokenCheck.EXPIRY, "b")));
		InvalidTokenException exception = new InvalidTokenException(failures);
		failures.clear();
		assertThat(exception.getFailures()).extracting(TokenCheckFailure::check)
			.containsExactly(TokenCheck.ISSUER, TokenCheck.EXPIRY);
		assertThat(exception.getMessage()).isEqualTo("Token rejected: ISSUER: a; EXPIRY: b");
		assertThat(exception.hasFailed(TokenCheck.EXPIRY)).isTrue();
		assertThat(exception.hasFailed(TokenCheck.AUDIENCE)).isFalse();
		assertThat(exception).isInstanceOf(IdentityException.class);
	}

	@Test
	void failureWhenNullPartThenNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> new TokenCheckFailure(null, "a"));
		assertThatNullPointerException().isThrownBy(() -> new TokenCheckFailure(TokenCheck.KEY, null));
	}

}
