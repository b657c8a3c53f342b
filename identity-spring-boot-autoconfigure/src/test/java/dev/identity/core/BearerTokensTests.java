package dev.identity.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.identity.core.TestTokens.checks;
import static dev.identity.core.TestTokens.rejection;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6750 on the resource-server side.
 */
class BearerTokensTests {

	/** A challenge whose quoted values hold only what RFC 6750 §3 allows there. */
	private static final Pattern CHALLENGE = Pattern.compile(
			"Bearer [a-z_]+=\"[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]*\"(, [a-z_]+=\"[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]*\")*");

	private static final Pattern PARAMETER = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

	@Test
	void resolveWhenNoHeaderThenNull() {
		assertThat(BearerTokens.resolve(null)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "DPoP abc.def.ghi", "Bearerabc", "Bear abc", "" })
	void resolveWhenOtherSchemeThenNull(String header) {
		assertThat(BearerTokens.resolve(header)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer abc.def.ghi", "bearer abc.def.ghi", "BEARER abc.def.ghi", "bEaReR abc.def.ghi",
			"Bearer   abc.def.ghi  " })
	void resolveWhenBearerSchemeInAnyCaseThenToken(String header) {
		assertThat(BearerTokens.resolve(header)).isEqualTo("abc.def.ghi");
	}

	@ParameterizedTest
	@ValueSource(strings = { "aZ09-._~+/", "abc=", "abc==", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln" })
	void resolveWhenB64TokenSyntaxThenToken(String token) {
		assertThat(BearerTokens.resolve("Bearer " + token)).isEqualTo(token);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer ", "Bearer    ", "bearer \t" })
	void resolveWhenBearerWithoutTokenThenFormatFailure(String header) {
		assertThat(checks(rejection(() -> BearerTokens.resolve(header)))).containsExactly(TokenCheck.FORMAT);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "a b", "a=b", "=abc", "a,b", "a\"b", "a\\b", "a;b", "a\u00e9b", "a\nb", "a\u0000b", "a==b" })
	void resolveWhenTokenHoldsIllegalCharacterThenFormatFailure(String token) {
		InvalidTokenException exception = rejection(() -> BearerTokens.resolve("Bearer " + token));
		assertThat(checks(exception)).containsExactly(TokenCheck.FORMAT);
		assertThat(exception.getMessage()).doesNotContain(token);
	}

	@Test
	void invalidTokenWhenNoTokenSentThenChallengeWithoutRealm() {
		assertThat(BearerTokens.invalidToken(null, null))
			.isEqualTo("Bearer error=\"invalid_token\", error_description=\"a bearer token is required\"");
	}

	@Test
	void invalidTokenWhenRealmThenRealmFirst() {
		InvalidTokenException failure = InvalidTokenException.of(TokenCheck.EXPIRY, "token expired");
		assertThat(BearerTokens.invalidToken(failure, "orders"))
			.isEqualTo("Bearer realm=\"orders\", error=\"invalid_token\", "
					+ "error_description=\"the token has expired or has no expiry\"");
	}

	@Test
	void invalidTokenWhenSeveralFailuresThenEachKindNamedOnce() {
		InvalidTokenException failure = new InvalidTokenException(List.of(
				new TokenCheckFailure(TokenCheck.ISSUER,
						"iss 'https://evil.example' is not the configured issuer " + "'https://login.example.com'"),
				new TokenCheckFailure(TokenCheck.EXPIRY, "expired"),
				new TokenCheckFailure(TokenCheck.EXPIRY, "again")));
		assertThat(parameters(BearerTokens.invalidToken(failure, null)))
			.contains("error_description=the token's issuer is not accepted; the token has expired or has no expiry");
	}

	@Test
	void describeWhenEveryCheckFailsThenNamesItsKindAndNeverTheDetailedDescription() {
		for (TokenCheck check : TokenCheck.values()) {
			String description = BearerTokens.describe(InvalidTokenException.of(check, "detail https://idp.example"));
			assertThat(description).doesNotContain("detail").doesNotContain("idp.example").isNotBlank();
		}
		assertThat(BearerTokens.describe(InvalidTokenException.of(TokenCheck.SIGNATURE, "x"))).contains("signature");
		assertThat(BearerTokens.describe(InvalidTokenException.of(TokenCheck.KEY, "x"))).contains("key");
		assertThat(BearerTokens.describe(null)).isEqualTo("a bearer token is required");
	}

	@Test
	void invalidTokenWhenDescriptionOrRealmHoldQuotesBackslashesAndControlCharactersThenNoneInsideQuotedValue() {
		String header = BearerTokens.insufficientScope(null, "realm \"x\" \\ y\r\n",
				"iss \"evil\\\", error=\"none\r\nSet-Cookie: a=b\u0000\u007f\u00e9\"");
		assertThat(header).matches(CHALLENGE);
		assertThat(header).doesNotContain("\\").doesNotContain("\r").doesNotContain("\n");
		assertThat(parameters(header)).extracting((parameter) -> parameter.substring(0, parameter.indexOf('=')))
			.containsExactly("realm", "error", "error_description");
	}

	@Test
	void invalidTokenWhenDescriptionVeryLongThenBounded() {
		String header = BearerTokens.insufficientScope(null, "r".repeat(5000), "x".repeat(5000));
		assertThat(header).matches(CHALLENGE);
		Matcher description = Pattern.compile("error_description=\"(x*)\"").matcher(header);
		assertThat(description.find()).isTrue();
		assertThat(description.group(1)).hasSize(300);
		assertThat(header).contains("realm=\"" + "r".repeat(200) + "\"");
	}

	@Test
	void insufficientScopeWhenScopeAndRealmThenEveryParameter() {
		assertThat(BearerTokens.insufficientScope("orders:read orders:write", "orders"))
			.isEqualTo("Bearer realm=\"orders\", error=\"insufficient_scope\", "
					+ "error_description=\"the token lacks the privileges this resource needs\", "
					+ "scope=\"orders:read orders:write\"");
	}

	@Test
	void insufficientScopeWhenNoScopeAndNoRealmThenErrorOnly() {
		assertThat(BearerTokens.insufficientScope(null, null)).isEqualTo("Bearer error=\"insufficient_scope\", "
				+ "error_description=\"the token lacks the privileges this resource needs\"");
	}

	@Test
	void insufficientScopeWhenScopeHoldsQuotesAndBackslashesThenNoneInsideQuotedValue() {
		String header = BearerTokens.insufficientScope("a\" error=\"x\\", "r\"");
		assertThat(header).matches(CHALLENGE).doesNotContain("\\");
		assertThat(parameters(header)).hasSize(4);
	}

	private static List<String> parameters(String header) {
		Matcher matcher = PARAMETER.matcher(header);
		List<String> parameters = new ArrayList<>();
		while (matcher.find()) {
			parameters.add(matcher.group(1) + "=" + matcher.group(2));
		}
		return parameters;
	}

}
