package dev.identity.core;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code expires_in} from outside: whatever a provider sends, the lifetime lies within
 * the documented bounds and no expiry computed from it overflows.
 */
class TokenResponseTests {

	private static final Instant RECEIVED = Instant.parse("2026-11-27T12:00:00Z");

	private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	private static TokenResponse withExpiresIn(String json) {
		return TokenResponse.parse("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":" + json + "}",
				RECEIVED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "3600", "\"3600\"", "3600.9", "3.6e3" })
	void expiresInWhenNumberOrNumericStringThenLifetime(String value) {
		TokenResponse response = withExpiresIn(value);
		assertThat(response.getExpiresIn()).isEqualTo(Duration.ofHours(1));
		assertThat(response.expiresAt(DEFAULT_LIFETIME)).isEqualTo(RECEIVED.plusSeconds(3600));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e300", "1e400", "99999999999999999999999999", "9223372036854775807", "\"1e300\"",
			"\"99999999999999999999\"", "604801" })
	void expiresInWhenAbsurdlyLargeThenMaximumLifetime(String value) {
		TokenResponse response = withExpiresIn(value);
		assertThat(response.getExpiresIn()).isEqualTo(TokenResponse.MAXIMUM_LIFETIME).isEqualTo(Duration.ofDays(7));
		assertThat(response.expiresAt(DEFAULT_LIFETIME)).isEqualTo(RECEIVED.plus(Duration.ofDays(7)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "-1e300", "0", "\"-5\"", "0.4" })
	void expiresInWhenNegativeOrZeroThenExpiresOnArrival(String value) {
		TokenResponse response = withExpiresIn(value);
		assertThat(response.getExpiresIn()).isEqualTo(TokenResponse.MINIMUM_LIFETIME).isZero();
		assertThat(response.expiresAt(DEFAULT_LIFETIME)).isEqualTo(RECEIVED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "null", "\"soon\"", "\"NaN\"", "\"Infinity\"", "\"0x10\"", "true", "{}", "[3600]" })
	void expiresInWhenNotANumberThenDefaultLifetime(String value) {
		TokenResponse response = withExpiresIn(value);
		assertThat(response.getExpiresIn()).isNull();
		assertThat(response.expiresAt(DEFAULT_LIFETIME)).isEqualTo(RECEIVED.plus(DEFAULT_LIFETIME));
	}

	@Test
	void expiresAtWhenAbsentThenDefaultLifetime() {
		TokenResponse response = TokenResponse.parse("{\"access_token\":\"a\",\"token_type\":\"Bearer\"}", RECEIVED);
		assertThat(response.getExpiresIn()).isNull();
		assertThat(response.expiresAt(DEFAULT_LIFETIME)).isEqualTo(RECEIVED.plus(DEFAULT_LIFETIME));
	}

	@Test
	void expiresAtWhenDefaultLifetimeAbsurdThenWithinBounds() {
		TokenResponse response = TokenResponse.parse("{\"access_token\":\"a\",\"token_type\":\"Bearer\"}", RECEIVED);
		assertThat(response.expiresAt(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(RECEIVED.plus(Duration.ofDays(7)));
		assertThat(response.expiresAt(Duration.ofSeconds(-1))).isEqualTo(RECEIVED);
	}

}
