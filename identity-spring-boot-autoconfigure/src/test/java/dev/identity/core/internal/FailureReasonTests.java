package dev.identity.core.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FailureReason}: a caught exception always gives a reason, never {@code null}.
 */
class FailureReasonTests {

	@Test
	void ofWhenMessageThenMessage() {
		assertThat(FailureReason.of(new IllegalArgumentException("token response has no 'access_token'")))
			.isEqualTo("token response has no 'access_token'");
	}

	@Test
	void ofWhenNoMessageThenExceptionType() {
		assertThat(FailureReason.of(new IllegalArgumentException())).isEqualTo("IllegalArgumentException");
	}

}
