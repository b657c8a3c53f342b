package dev.identity.login.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.identity.core.TokenRequest;
import dev.identity.login.AuthorizationErrorException;
import dev.identity.login.CallbackCheck;
import dev.identity.login.InvalidCallbackException;
import org.junit.jupiter.api.Test;

import static dev.identity.login.LoginTestTokens.ISSUER;
import static dev.identity.login.LoginTestTokens.NONCE;
import static dev.identity.login.LoginTestTokens.NOW;
import static dev.identity.login.LoginTestTokens.REDIRECT_URI;
import static dev.identity.login.LoginTestTokens.STATE;
import static dev.identity.login.LoginTestTokens.VERIFIER;
import static dev.identity.login.LoginTestTokens.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AuthorizationResponseTests {

	private static final String CODE = "SplxlOBeZQQYbYS6WxSbIA-secret-code";

	private static final Duration MAX_PENDING_AGE = Duration.ofMinutes(10);

	private static AuthorizationResponse callback(String... pairs) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			parameters.computeIfAbsent(pairs[i], (name) -> new ArrayList<>()).add(pairs[i + 1]);
		}
		return AuthorizationResponse.fromParameters(parameters);
	}

	private static InvalidCallbackException rejected(AuthorizationResponse response, PendingLogin pending,
			CallbackCheck check) {
		InvalidCallbackException exception = catchThrowableOfType(InvalidCallbackException.class,
				() -> response.toTokenRequest(pending, MAX_PENDING_AGE, NOW));
		assertThat(exception).isNotNull();
		assertThat(exception.getCheck()).isEqualTo(check);
		assertThat(exception.getMessage()).doesNotContain(CODE).doesNotContain(STATE);
		return exception;
	}

	private static PendingLogin pendingRequiringIss() {
		return new PendingLogin(ISSUER, true, REDIRECT_URI, STATE, NONCE, VERIFIER, null, null, NOW.minusSeconds(60));
	}

	@Test
	void toTokenRequestWhenStateMatchesThenCodeRedeemedWithVerifierAndRedirectUri() {
		TokenRequest.AuthorizationCode request = callback("code", CODE, "state", STATE).toTokenRequest(pending(),
				MAX_PENDING_AGE, NOW);
		assertThat(request.code()).isEqualTo(CODE);
		assertThat(request.codeVerifier()).isEqualTo(VERIFIER);
		assertThat(request.redirectUri()).isEqualTo(REDIRECT_URI);
	}

	@Test
	void toTokenRequestWhenStateDiffersThenRejected() {
		rejected(callback("code", CODE, "state", STATE.substring(1) + "X"), pending(), CallbackCheck.STATE);
	}

	@Test
	void toTokenRequestWhenStateMissingThenRejected() {
		rejected(callback("code", CODE), pending(), CallbackCheck.STATE);
		rejected(callback("code", CODE, "state", ""), pending(), CallbackCheck.STATE);
	}

	@Test
	void toTokenRequestWhenPendingLoginExpiredThenRejected() {
		// created 60 s before NOW
		AuthorizationResponse response = callback("code", CODE, "state", STATE);
		assertThatExceptionOfType(InvalidCallbackException.class)
			.isThrownBy(() -> response.toTokenRequest(pending(), Duration.ofSeconds(59), NOW))
			.satisfies((ex) -> assertThat(ex.getCheck()).isEqualTo(CallbackCheck.EXPIRED))
			.withMessageContaining("start the login again");
		assertThat(response.toTokenRequest(pending(), Duration.ofSeconds(60), NOW).code()).isEqualTo(CODE);
	}

	@Test
	void toTokenRequestWhenIssDiffersThenRejected() {
		InvalidCallbackException exception = rejected(
				callback("code", CODE, "state", STATE, "iss", "https://attacker.example"), pending(),
				CallbackCheck.ISSUER);
		assertThat(exception.getMessage()).contains("https://attacker.example").contains(ISSUER).contains("RFC 9207");
	}

	@Test
	void toTokenRequestWhenIssDiffersOnlyByTrailingSlashThenRejected() {
		rejected(callback("code", CODE, "state", STATE, "iss", ISSUER + "/"), pending(), CallbackCheck.ISSUER);
	}

	@Test
	void toTokenRequestWhenIssMatchesThenAccepted() {
		assertThat(callback("code", CODE, "state", STATE, "iss", ISSUER)
			.toTokenRequest(pendingRequiringIss(), MAX_PENDING_AGE, NOW)
			.code()).isEqualTo(CODE);
	}

	@Test
	void toTokenRequestWhenIssMissingAndAnnouncedThenRejected() {
		rejected(callback("code", CODE, "state", STATE), pendingRequiringIss(), CallbackCheck.ISSUER);
	}

	@Test
	void toTokenRequestWhenIssMissingAndNotAnnouncedThenAccepted() {
		assertThat(callback("code", CODE, "state", STATE).toTokenRequest(pending(), MAX_PENDING_AGE, NOW).code())
			.isEqualTo(CODE);
	}

	@Test
	void toTokenRequestWhenErrorThenAuthorizationErrorWithCodeAndDescription() {
		AuthorizationResponse response = callback("error", "access_denied", "error_description", "User cancelled",
				"error_uri", "https://idp.example.com/help", "state", STATE);
		assertThatExceptionOfType(AuthorizationErrorException.class)
			.isThrownBy(() -> response.toTokenRequest(pending(), MAX_PENDING_AGE, NOW))
			.satisfies((ex) -> {
				assertThat(ex.getError()).isEqualTo("access_denied");
				assertThat(ex.getErrorDescription()).isEqualTo("User cancelled");
				assertThat(ex.getErrorUri()).isEqualTo("https://idp.example.com/help");
				assertThat(ex.isAccessDenied()).isTrue();
				assertThat(ex.getMessage()).contains("access_denied").contains("User cancelled").doesNotContain(STATE);
			});
	}

	@Test
	void toTokenRequestWhenErrorAndCodeThenErrorWinsAndCodeNotInMessage() {
		AuthorizationResponse response = callback("error", "server_error", "code", CODE, "state", STATE);
		assertThatExceptionOfType(AuthorizationErrorException.class)
			.isThrownBy(() -> response.toTokenRequest(pending(), MAX_PENDING_AGE, NOW))
			.withMessageNotContaining(CODE)
			.satisfies((ex) -> assertThat(ex.isAccessDenied()).isFalse());
	}

	@Test
	void toTokenRequestWhenErrorWithForeignStateThenStateRejected() {
		rejected(callback("error", "access_denied", "state", "forged"), pending(), CallbackCheck.STATE);
	}

	@Test
	void toTokenRequestWhenErrorDescriptionHoldsLineBreaksThenCleanedAndBounded() {
		AuthorizationResponse response = callback("error", "invalid_request", "error_description",
				"bad\r\nINFO forged log line" + "x".repeat(1000), "state", STATE);
		assertThatExceptionOfType(AuthorizationErrorException.class)
			.isThrownBy(() -> response.toTokenRequest(pending(), MAX_PENDING_AGE, NOW))
			.satisfies((ex) -> {
				assertThat(ex.getErrorDescription()).startsWith("bad??INFO forged log line").endsWith("...");
				assertThat(ex.getErrorDescription()).hasSizeLessThan(310);
				assertThat(ex.getMessage()).doesNotContain("\n").doesNotContain("\r");
			});
	}

	@Test
	void toTokenRequestWhenNeitherCodeNorErrorThenRejected() {
		rejected(callback("state", STATE), pending(), CallbackCheck.CODE);
	}

	@Test
	void fromParametersWhenParameterRepeatedThenRejected() {
		assertThatExceptionOfType(InvalidCallbackException.class)
			.isThrownBy(() -> callback("code", CODE, "code", "other", "state", STATE))
			.satisfies((ex) -> assertThat(ex.getCheck()).isEqualTo(CallbackCheck.FORMAT))
			.withMessageContaining("'code' 2 times")
			.withMessageNotContaining(CODE);
	}

	@Test
	void fromParametersWhenValuesEmptyThenAbsent() {
		AuthorizationResponse response = callback("code", CODE, "state", STATE, "iss", "", "error", "");
		assertThat(response.issuer()).isNull();
		assertThat(response.error()).isNull();
		assertThat(response.toTokenRequest(pending(), MAX_PENDING_AGE, NOW).code()).isEqualTo(CODE);
	}

	@Test
	void fromParametersWhenUnrelatedParametersThenIgnored() {
		AuthorizationResponse response = callback("code", CODE, "state", STATE, "session_state", "a", "session_state",
				"b");
		assertThat(response.code()).isEqualTo(CODE);
	}

	@Test
	void toStringThenNoCodeOrState() {
		AuthorizationResponse response = callback("code", CODE, "state", STATE, "iss", ISSUER);
		assertThat(response.toString()).doesNotContain(CODE).doesNotContain(STATE).contains("present");
	}

}
