package dev.identity.core;

import java.net.URI;

import dev.identity.login.AuthorizationErrorException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The one OAuth error value of token-endpoint errors and callback errors.
 */
class OAuthErrorTests {

	@Test
	void parseWhenErrorObjectThenCodeDescriptionAndUriKept() {
		OAuthError error = OAuthError.parse(
				"{\"error\":\"invalid_grant\",\"error_description\":\"code used\",\"error_uri\":\"https://idp/e\"}",
				(value) -> value);
		assertThat(error).isEqualTo(new OAuthError("invalid_grant", "code used", "https://idp/e"));
	}

	@Test
	void parseWhenEveryValueThenEachCleaned() {
		OAuthError error = OAuthError.parse(
				"{\"error\":\"a\\nb\",\"error_description\":\"c\\nd\",\"error_uri\":\"e\\nf\"}",
				(value) -> value.replace('\n', '?'));
		assertThat(error).isEqualTo(new OAuthError("a?b", "c?d", "e?f"));
	}

	@Test
	void parseWhenErrorMissingBlankOrNotTextThenNoError() {
		assertThat(OAuthError.parse("{\"error_description\":\"no code\"}", (value) -> value)).isNull();
		assertThat(OAuthError.parse("{\"error\":\"  \"}", (value) -> value)).isNull();
		assertThat(OAuthError.parse("{\"error\":42}", (value) -> value)).isNull();
		assertThat(OAuthError.parse("[\"error\"]", (value) -> value)).isNull();
		assertThat(OAuthError.parse("<html>busy</html>", (value) -> value)).isNull();
	}

	@Test
	void parseWhenDescriptionOrUriNotTextThenAbsent() {
		assertThat(OAuthError.parse("{\"error\":\"invalid_client\",\"error_description\":7,\"error_uri\":{}}",
				(value) -> value))
			.isEqualTo(new OAuthError("invalid_client", null, null));
	}

	@Test
	void seeUriWhenUriThenSuffixElseEmpty() {
		assertThat(new OAuthError("e", null, "https://idp/e").seeUri()).isEqualTo(" (see https://idp/e)");
		assertThat(new OAuthError("e", "d", null).seeUri()).isEmpty();
	}

	@Test
	void constructorWhenNoErrorCodeThenNamed() {
		assertThatNullPointerException().isThrownBy(() -> new OAuthError(null, null, null)).withMessage("error");
	}

	@Test
	void exceptionsWhenSameErrorThenSameValue() {
		OAuthError error = new OAuthError("access_denied", "user declined", "https://idp/e");
		OAuthErrorException token = new OAuthErrorException("token", URI.create("https://idp/token"), 400, error, null);
		AuthorizationErrorException callback = new AuthorizationErrorException("access_denied", "user declined",
				"https://idp/e");
		assertThat(token.getOAuthError()).isEqualTo(callback.getOAuthError()).isEqualTo(error);
		assertThat(token.getError()).isEqualTo(callback.getError()).isEqualTo("access_denied");
		assertThat(token.getErrorDescription()).isEqualTo(callback.getErrorDescription()).isEqualTo("user declined");
		assertThat(token.getErrorUri()).isEqualTo(callback.getErrorUri()).isEqualTo("https://idp/e");
		assertThat(token.getMessage()).contains("user declined (see https://idp/e)");
		assertThat(callback.getMessage()).endsWith(": user declined (see https://idp/e)");
	}

}
