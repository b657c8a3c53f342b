package dev.identity.core.internal.validation;

import java.util.List;
import java.util.stream.Stream;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.KeySet;
import dev.identity.core.TokenCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.identity.core.TestTokens.ATTACKER_RSA;
import static dev.identity.core.TestTokens.NOW;
import static dev.identity.core.TestTokens.RSA;
import static dev.identity.core.TestTokens.base64url;
import static dev.identity.core.TestTokens.checks;
import static dev.identity.core.TestTokens.keySet;
import static dev.identity.core.TestTokens.rejection;
import static dev.identity.core.TestTokens.token;
import static dev.identity.core.TestTokens.verifier;
import static dev.identity.core.TestTokens.verify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is not a JWS compact serialization of two JSON objects is refused before any key
 * is looked at, and no message ever repeats the token.
 */
class TokenVerifierFormatTests {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private static final int SIXTY_FOUR_KIB = 64 * 1024;

	private static final KeySet KEYS = keySet(RSA.jwk());

	private static final String VALID = token(JwsAlgorithm.RS256).build();

	private final TokenVerifier verifier = verifier();

	@Test
	void parseWhenWellFormedThenParsed() {
		assertThat(this.verifier.parse(VALID).getAlgorithm()).isEqualTo(JwsAlgorithm.RS256);
	}

	@ParameterizedTest
	@NullAndEmptySource
	void parseWhenNullOrEmptyThenFormatFailure(String token) {
		assertFormatFailure(token);
	}

	@Test
	void parseWhenTwoPartsThenFormatFailure() {
		assertFormatFailure(VALID.substring(0, VALID.lastIndexOf('.')));
	}

	@Test
	void parseWhenOnePartThenFormatFailure() {
		assertFormatFailure(VALID.substring(0, VALID.indexOf('.')));
	}

	@Test
	void parseWhenFourPartsThenFormatFailure() {
		assertFormatFailure(VALID + ".AAAA");
	}

	@Test
	void parseWhenFivePartsLikeJweThenFormatFailure() {
		String[] parts = VALID.split("\\.");
		InvalidTokenException exception = assertFormatFailure(
				parts[0] + "." + parts[1] + ".AAAA." + parts[2] + ".AAAA");
		assertThat(exception.getFailures().get(0).description()).contains("JWE");
	}

	@Test
	void parseWhenHeaderPartEmptyThenFormatFailure() {
		assertFormatFailure(VALID.substring(VALID.indexOf('.')));
	}

	@Test
	void parseWhenPayloadPartEmptyThenFormatFailure() {
		String[] parts = VALID.split("\\.");
		assertFormatFailure(parts[0] + ".." + parts[2]);
	}

	@Test
	void parseWhenSignaturePaddedThenFormatFailure() {
		String signature = VALID.substring(VALID.lastIndexOf('.') + 1);
		// 256 bytes encode to 342 characters, so "==" is exactly the padding plain base64
		// would add.
		assertThat(signature.length() % 4).isEqualTo(2);
		assertFormatFailure(VALID + "==");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+", "/", "=", " ", "*", "\u00e9", "\n" })
	void parseWhenPayloadHoldsCharacterOutsideAlphabetThenFormatFailure(String character) {
		int at = VALID.indexOf('.') + 5;
		assertFormatFailure(VALID.substring(0, at) + character + VALID.substring(at + 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "    ", "\t\t\t\t", "\u0000\u0000\u0000\u0000", "\n\n\n\n" })
	void parseWhenWhiteSpaceBetweenGroupsOfFourThenFormatFailure(String space) {
		// Four characters between two groups of four: the length still fits base64url and
		// the other characters decode to the valid payload, a second spelling of it.
		int at = VALID.indexOf('.') + 1 + 8;
		InvalidTokenException exception = assertFormatFailure(VALID.substring(0, at) + space + VALID.substring(at));
		assertThat(exception.getFailures().get(0).description()).contains("payload", "alphabet");
	}

	@Test
	void parseWhenPartHasImpossibleLengthThenFormatFailure() {
		String[] parts = VALID.split("\\.");
		String payload = parts[1];
		while (payload.length() % 4 != 1) {
			payload = payload + "A";
		}
		assertFormatFailure(parts[0] + "." + payload + "." + parts[2]);
	}

	@Test
	void parseWhenLastHeaderCharacterHasNonZeroUnusedBitsThenFormatFailure() {
		String header = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"rsa-1\"}";
		while (base64url(header).length() % 4 == 0) {
			header = header + " ";
		}
		String token = token(JwsAlgorithm.RS256).rawHeader(header).build();
		assertThat(this.verifier.parse(token).hasHeaderFailures()).isFalse();
		String headerPart = token.substring(0, token.indexOf('.'));
		char last = headerPart.charAt(headerPart.length() - 1);
		// Setting the lowest bit changes only bits the decoder drops: same bytes, second
		// spelling.
		char other = ALPHABET.charAt(ALPHABET.indexOf(last) | 1);
		assertThat(other).isNotEqualTo(last);
		String respelled = headerPart.substring(0, headerPart.length() - 1) + other
				+ token.substring(token.indexOf('.'));
		InvalidTokenException exception = assertFormatFailure(respelled);
		assertThat(exception.getFailures().get(0).description()).contains("canonical");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "[]", "null", "\"RS256\"", "42", "{\"alg\":\"RS256\"" })
	void parseWhenHeaderNotJsonObjectThenFormatFailure(String header) {
		assertFormatFailure(token(JwsAlgorithm.RS256).rawHeader(header).build());
	}

	@ParameterizedTest
	@ValueSource(strings = { "[\"sub\",\"alice\"]", "[]", "null", "true", "not json", "" })
	void parseWhenPayloadNotJsonObjectThenFormatFailure(String payload) {
		assertFormatFailure(token(JwsAlgorithm.RS256).rawPayload(payload).build());
	}

	@Test
	void parseWhenPayloadHasDuplicateMemberThenFormatFailure() {
		// Two readers of one token could otherwise see two different subjects.
		String token = token(JwsAlgorithm.RS256)
			.rawPayload("{\"iss\":\"https://idp.example.com\",\"sub\":\"alice\",\"sub\":\"admin\"}")
			.build();
		InvalidTokenException exception = assertFormatFailure(token);
		assertThat(exception.getFailures().get(0).description()).contains("duplicate");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"sub\":null,\"sub\":\"admin\"}", "{\"sub\":\"alice\",\"sub\":null}",
			"{\"sub\":\"alice\",\"address\":{\"city\":\"Basel\",\"city\":\"Bern\"}}",
			"{\"sub\":\"alice\",\"orgs\":[{\"id\":1,\"id\":2}]}" })
	void parseWhenDuplicateMemberIsNullOrNestedThenFormatFailure(String payload) {
		// The first of two members may be null, and a nested object is read by the same
		// rule.
		InvalidTokenException exception = assertFormatFailure(token(JwsAlgorithm.RS256).rawPayload(payload).build());
		assertThat(exception.getFailures().get(0).description()).contains("duplicate");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "{\"sub\":\"alice\"}{\"sub\":\"admin\"}", "{\"sub\":\"alice\"} x", "{\"sub\":\"alice\"}]" })
	void parseWhenPayloadHasContentAfterTheObjectThenFormatFailure(String payload) {
		// A reader that takes the last object would see other claims than the one
		// verified here.
		assertFormatFailure(token(JwsAlgorithm.RS256).rawPayload(payload).build());
	}

	@Test
	void parseWhenHeaderHasDuplicateAlgThenFormatFailure() {
		String token = token(JwsAlgorithm.RS256).rawHeader("{\"alg\":\"none\",\"kid\":\"rsa-1\",\"alg\":\"RS256\"}")
			.build();
		assertThat(assertFormatFailure(token).getFailures().get(0).description()).contains("duplicate");
	}

	@Test
	void parseWhenKidNotAStringThenFormatFailure() {
		assertFormatFailure(token(JwsAlgorithm.RS256).header("kid", 1).build());
	}

	@Test
	void parseWhenTypNotAStringThenFormatFailure() {
		assertFormatFailure(token(JwsAlgorithm.RS256).header("typ", List.of("at+jwt")).build());
	}

	@Test
	void parseWhenTokenLongerThan64KibThenFormatFailure() {
		String token = tokenOfLength(SIXTY_FOUR_KIB + 1);
		assertThat(token.length()).isGreaterThan(SIXTY_FOUR_KIB);
		assertThat(assertFormatFailure(token).getFailures().get(0).description()).contains("longer");
	}

	@Test
	void verifyWhenTokenJustWithin64KibThenAccepted() {
		String token = tokenOfLength(SIXTY_FOUR_KIB);
		assertThat(token.length()).isBetween(SIXTY_FOUR_KIB - 2, SIXTY_FOUR_KIB);
		assertThat(verify(this.verifier, token, KEYS)).isNotNull();
	}

	@ParameterizedTest
	@MethodSource("rejectedTokens")
	void verifyWhenRejectedThenMessageNeverHoldsTheToken(String name, String token) {
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(exception.getMessage()).doesNotContain(token);
		assertThat(exception.toString()).doesNotContain(token);
		// The header part may show up through a claim that repeats it; payload and
		// signature never may.
		String[] parts = token.split("\\.");
		for (int i = 1; i < parts.length; i++) {
			if (parts[i].length() > 8) {
				assertThat(exception.getMessage()).as(name).doesNotContain(parts[i]);
			}
		}
	}

	static Stream<Arguments> rejectedTokens() {
		String[] valid = VALID.split("\\.");
		return Stream.of(
				Arguments.of("expired",
						token(JwsAlgorithm.RS256).claim("exp", NOW.minusSeconds(3600).getEpochSecond()).build()),
				Arguments.of("forged", token(JwsAlgorithm.RS256).signedWith("RS256", ATTACKER_RSA).build()),
				Arguments.of("audience", token(JwsAlgorithm.RS256).claim("aud", "other").build()),
				Arguments.of("type", token(JwsAlgorithm.RS256).header("typ", "JWT").build()),
				Arguments.of("unknown kid", token(JwsAlgorithm.RS256).header("kid", "unknown").build()),
				Arguments.of("duplicate",
						token(JwsAlgorithm.RS256).rawPayload("{\"sub\":\"a\",\"sub\":\"b\"}").build()),
				Arguments.of("padding", VALID + "=="), Arguments.of("four parts", VALID + ".AAAA"),
				Arguments.of("non-alphabet", valid[0] + "." + valid[1] + "+." + valid[2]),
				Arguments.of("payload array", token(JwsAlgorithm.RS256).rawPayload("[\"secret\"]").build()),
				Arguments.of("issuer is the token",
						token(JwsAlgorithm.RS256).claim("iss", VALID).claim("sub", VALID).build()));
	}

	@Test
	void verifyWhenClaimHoldsControlCharactersAndIsLongThenMessageShowsItCleanedAndBounded() {
		String issuer = "https://evil.example/\r\nX-Injected: yes/" + "a".repeat(200);
		String token = token(JwsAlgorithm.RS256).claim("iss", issuer).build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		String description = exception.getFailures().get(0).description();
		assertThat(description).doesNotContain("\r").doesNotContain("\n").contains("https://evil.example/??X-Injected");
		assertThat(description).contains("...").doesNotContain("a".repeat(100));
	}

	private InvalidTokenException assertFormatFailure(String token) {
		InvalidTokenException exception = rejection(() -> this.verifier.parse(token));
		assertThat(checks(exception)).containsExactly(TokenCheck.FORMAT);
		if (token != null && token.length() > 8) {
			assertThat(exception.getMessage()).doesNotContain(token);
		}
		return exception;
	}

	/**
	 * A well-signed token padded by a claim to about the given length (never more when
	 * under the limit).
	 */
	private static String tokenOfLength(int length) {
		String probe = token(JwsAlgorithm.RS256).claim("pad", "").build();
		// Each three bytes of JSON add four characters to the payload part.
		int padding = (length - probe.length()) * 3 / 4;
		String token = token(JwsAlgorithm.RS256).claim("pad", "x".repeat(padding)).build();
		while (token.length() < length) {
			padding++;
			token = token(JwsAlgorithm.RS256).claim("pad", "x".repeat(padding)).build();
		}
		while (token.length() > length && length <= SIXTY_FOUR_KIB) {
			padding--;
			token = token(JwsAlgorithm.RS256).claim("pad", "x".repeat(padding)).build();
		}
		return token;
	}

}
