package dev.identity.core.internal.validation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a token's unverified {@code iss} to route it, and nothing else.
 */
class TokenIssuerTests {

	@Test
	void peekWhenPayloadHasIssThenIt() {
		assertThat(TokenIssuer.peek(token("{\"sub\":\"alice\",\"iss\":\"https://a.example.com\"}")))
			.isEqualTo("https://a.example.com");
	}

	@Test
	void peekWhenIssOnlyInsideANestedObjectThenNull() {
		assertThat(TokenIssuer.peek(token("{\"act\":{\"iss\":\"https://a.example.com\"},\"sub\":\"alice\"}"))).isNull();
	}

	@Test
	void peekWhenNestedValuesPrecedeIssThenSkipsThem() {
		assertThat(TokenIssuer.peek(token("{\"groups\":[\"x\",{\"iss\":\"no\"}],\"act\":{\"iss\":\"no\"},"
				+ "\"iss\":\"https://b.example.com\"}")))
			.isEqualTo("https://b.example.com");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"iss\":42}", "{\"iss\":null}", "{\"iss\":[\"https://a.example.com\"]}",
			"{\"sub\":\"alice\"}", "[\"iss\"]", "{\"iss\":" })
	void peekWhenNoStringIssThenNull(String payload) {
		assertThat(TokenIssuer.peek(token(payload))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "opaque", "a.b", "a.!!!.c", "a..c" })
	void peekWhenNotAJwsThenNull(String token) {
		assertThat(TokenIssuer.peek(token)).isNull();
	}

	@Test
	void peekWhenThePayloadIsNotAsStrictlyEncodedAsTheVerifierRequiresThenNull() {
		String payload = "{\"iss\":\"https://a.example.com\"}";
		String strict = token(payload);
		String header = strict.substring(0, strict.indexOf('.'));
		String encoded = Base64.getUrlEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
		assertThat(encoded).endsWith("=");
		// Padded, as plain base64 would write it: the verifier refuses it, so routing
		// reads nothing of it either.
		assertThat(TokenIssuer.peek(header + "." + encoded + ".c2ln")).isNull();
		// White space before a group of four, which a lenient decoder would skip.
		String unpadded = encoded.replace("=", "");
		assertThat(TokenIssuer.peek(header + "." + unpadded.substring(0, 8) + "    " + unpadded.substring(8) + ".c2ln"))
			.isNull();
		assertThat(TokenIssuer.peek(strict)).isEqualTo("https://a.example.com");
	}

	@Test
	void peekWhenCharactersOutsideTheBasicPlaneThenNullNotAnIndexError() {
		// Each of these is two chars but one byte once encoded: offsets found in the
		// string would run past the bytes.
		String token = "\uD83D\uDE00".repeat(10) + ".eyJpc3MiOiJ4In0.abc";
		assertThat(TokenIssuer.peek(token)).isNull();
	}

	@Test
	void peekWhenNullOrLongerThanATokenMayBeThenNull() {
		assertThat(TokenIssuer.peek(null)).isNull();
		String payload = "{\"iss\":\"https://a.example.com\",\"pad\":\"" + "x".repeat(CompactJws.MAXIMUM_TOKEN_LENGTH)
				+ "\"}";
		assertThat(TokenIssuer.peek(token(payload))).isNull();
	}

	private static String token(String payload) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
	}

}
