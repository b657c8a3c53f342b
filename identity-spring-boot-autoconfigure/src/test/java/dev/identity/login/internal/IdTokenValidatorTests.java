package dev.identity.login.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.core.ValidatedToken;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static dev.identity.login.LoginTestTokens.ATTACKER_RSA;
import static dev.identity.login.LoginTestTokens.CLIENT_ID;
import static dev.identity.login.LoginTestTokens.ISSUER;
import static dev.identity.login.LoginTestTokens.KEYS;
import static dev.identity.login.LoginTestTokens.NONCE;
import static dev.identity.login.LoginTestTokens.NOW;
import static dev.identity.login.LoginTestTokens.REDIRECT_URI;
import static dev.identity.login.LoginTestTokens.STATE;
import static dev.identity.login.LoginTestTokens.VERIFIER;
import static dev.identity.login.LoginTestTokens.atHash;
import static dev.identity.login.LoginTestTokens.idToken;
import static dev.identity.login.LoginTestTokens.pending;
import static dev.identity.login.LoginTestTokens.validator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IdTokenValidatorTests {

	private static final String ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.access-token-value.sig";

	private final IdTokenValidator validator = validator();

	private ValidatedToken validate(String idToken) {
		return this.validator.validate(idToken, KEYS, pending(), null, NOW);
	}

	private static InvalidTokenException rejection(ThrowingCallable call) {
		InvalidTokenException exception = catchThrowableOfType(InvalidTokenException.class, call);
		assertThat(exception).as("InvalidTokenException").isNotNull();
		return exception;
	}

	private static List<TokenCheck> checks(InvalidTokenException exception) {
		return exception.getFailures().stream().map(TokenCheckFailure::check).toList();
	}

	@Test
	void validateWhenEveryRuleHoldsThenValidatedToken() {
		ValidatedToken token = validate(idToken().build());
		assertThat(token.getSubject()).isEqualTo("248289761001");
		assertThat(token.getAudiences()).containsExactly(CLIENT_ID);
		assertThat(token.getClaimAsString("nonce")).isEqualTo(NONCE);
	}

	@Test
	void getPolicyThenIssuerClientIdAndRequiredClaims() {
		assertThat(this.validator.getPolicy().getIssuer()).isEqualTo(ISSUER);
		assertThat(this.validator.getPolicy().getAudiences()).containsExactly(CLIENT_ID);
		assertThat(this.validator.getPolicy().getRequiredClaims()).containsExactlyInAnyOrder("sub", "iat");
		assertThat(this.validator.getPolicy().getRequiredType()).isNull();
	}

	@Test
	void validateWhenNonceDiffersThenRejected() {
		String other = NONCE.substring(0, NONCE.length() - 1) + "X";
		InvalidTokenException exception = rejection(() -> validate(idToken().claim("nonce", other).build()));
		assertThat(checks(exception)).containsExactly(TokenCheck.NONCE);
		assertThat(exception.getMessage()).contains("'nonce' is not the one of the pending login")
			.doesNotContain(NONCE)
			.doesNotContain(other);
	}

	@Test
	void validateWhenNonceMissingThenRejected() {
		InvalidTokenException exception = rejection(() -> validate(idToken().without("nonce").build()));
		assertThat(checks(exception)).containsExactly(TokenCheck.REQUIRED_CLAIM);
		assertThat(exception.getMessage()).contains("no 'nonce'");
	}

	@Test
	void validateWhenNonceNotStringThenClaimTypeFailure() {
		InvalidTokenException exception = rejection(() -> validate(idToken().claim("nonce", 42).build()));
		assertThat(checks(exception)).containsExactly(TokenCheck.CLAIM_TYPE);
	}

	@Test
	void validateWhenSeveralAudiencesAndNoAzpThenRejected() {
		IdTokenValidator validator = IdTokenValidator.forClient(ISSUER, CLIENT_ID)
			.trustedAudiences(List.of("https://api.example.com"))
			.build();
		String token = idToken().claim("aud", List.of(CLIENT_ID, "https://api.example.com")).build();
		InvalidTokenException exception = rejection(() -> validator.validate(token, KEYS, pending(), null, NOW));
		assertThat(checks(exception)).containsExactly(TokenCheck.AUTHORIZED_PARTY);
		assertThat(exception.getMessage()).contains("2 audiences but no 'azp'");
	}

	@Test
	void validateWhenSeveralAudiencesAndAzpIsClientThenAccepted() {
		IdTokenValidator validator = IdTokenValidator.forClient(ISSUER, CLIENT_ID)
			.trustedAudiences(List.of("https://api.example.com"))
			.build();
		String token = idToken().claim("aud", List.of(CLIENT_ID, "https://api.example.com"))
			.claim("azp", CLIENT_ID)
			.build();
		assertThat(validator.validate(token, KEYS, pending(), null, NOW).getAudiences()).hasSize(2);
	}

	@Test
	void validateWhenAzpIsAnotherClientThenRejected() {
		InvalidTokenException exception = rejection(() -> validate(idToken().claim("azp", "other-app").build()));
		assertThat(checks(exception)).containsExactly(TokenCheck.AUTHORIZED_PARTY);
		assertThat(exception.getMessage()).contains("azp 'other-app' is not this client 'web-app'");
	}

	@Test
	void validateWhenAzpNotStringThenClaimTypeFailure() {
		InvalidTokenException exception = rejection(() -> validate(idToken().claim("azp", List.of(CLIENT_ID)).build()));
		assertThat(checks(exception)).containsExactly(TokenCheck.CLAIM_TYPE);
	}

	@Test
	void validateWhenAudienceNotTrustedThenRejected() {
		String token = idToken().claim("aud", List.of(CLIENT_ID, "https://unknown.example"))
			.claim("azp", CLIENT_ID)
			.build();
		InvalidTokenException exception = rejection(() -> validate(token));
		assertThat(checks(exception)).containsExactly(TokenCheck.AUDIENCE);
		assertThat(exception.getMessage()).contains("https://unknown.example").contains("does not trust");
	}

	@Test
	void validateWhenAudienceIsAnotherClientThenRejected() {
		InvalidTokenException exception = rejection(() -> validate(idToken().claim("aud", "other-app").build()));
		assertThat(checks(exception)).containsExactly(TokenCheck.AUDIENCE);
	}

	@Test
	void validateWhenAtHashMatchesAccessTokenThenAccepted() {
		String token = idToken().claim("at_hash", atHash("SHA-256", ACCESS_TOKEN)).build();
		assertThat(this.validator.validate(token, KEYS, pending(), ACCESS_TOKEN, NOW).getClaim("at_hash")).isNotNull();
	}

	@Test
	void validateWhenAtHashOfAnotherAccessTokenThenRejected() {
		String token = idToken().claim("at_hash", atHash("SHA-256", ACCESS_TOKEN + "x")).build();
		InvalidTokenException exception = rejection(
				() -> this.validator.validate(token, KEYS, pending(), ACCESS_TOKEN, NOW));
		assertThat(checks(exception)).containsExactly(TokenCheck.ACCESS_TOKEN_HASH);
		assertThat(exception.getMessage()).contains("'at_hash' does not match").doesNotContain(ACCESS_TOKEN);
	}

	@Test
	void validateWhenAtHashOfWholeDigestThenRejected() {
		// The left half only, not the whole hash (OpenID Connect Core §3.1.3.6).
		String whole = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(ACCESS_TOKEN));
		String token = idToken().claim("at_hash", whole).build();
		assertThat(checks(rejection(() -> this.validator.validate(token, KEYS, pending(), ACCESS_TOKEN, NOW))))
			.containsExactly(TokenCheck.ACCESS_TOKEN_HASH);
	}

	@Test
	void validateWhenEs384ThenAtHashUsesSha384() {
		String right = idToken().es384().claim("at_hash", atHash("SHA-384", ACCESS_TOKEN)).build();
		assertThat(this.validator.validate(right, KEYS, pending(), ACCESS_TOKEN, NOW).getAlgorithm())
			.isEqualTo(JwsAlgorithm.ES384);
		String wrongDigest = idToken().es384().claim("at_hash", atHash("SHA-256", ACCESS_TOKEN)).build();
		assertThat(checks(rejection(() -> this.validator.validate(wrongDigest, KEYS, pending(), ACCESS_TOKEN, NOW))))
			.containsExactly(TokenCheck.ACCESS_TOKEN_HASH);
	}

	@Test
	void validateWhenEdDsaWithEd25519ThenAtHashUsesSha512() {
		String right = idToken().ed25519().claim("at_hash", atHash("SHA-512", ACCESS_TOKEN)).build();
		assertThat(this.validator.validate(right, KEYS, pending(), ACCESS_TOKEN, NOW).getAlgorithm())
			.isEqualTo(JwsAlgorithm.EdDSA);
		String wrongDigest = idToken().ed25519().claim("at_hash", atHash("SHA-256", ACCESS_TOKEN)).build();
		assertThat(checks(rejection(() -> this.validator.validate(wrongDigest, KEYS, pending(), ACCESS_TOKEN, NOW))))
			.containsExactly(TokenCheck.ACCESS_TOKEN_HASH);
	}

	@Test
	void validateWhenAtHashNotStringThenClaimTypeFailure() {
		String token = idToken().claim("at_hash", 12).build();
		assertThat(checks(rejection(() -> this.validator.validate(token, KEYS, pending(), ACCESS_TOKEN, NOW))))
			.containsExactly(TokenCheck.CLAIM_TYPE);
	}

	@Test
	void validateWhenNoAccessTokenGivenThenAtHashNotChecked() {
		String token = idToken().claim("at_hash", "AAAAAAAAAAAAAAAAAAAAAA").build();
		assertThat(validate(token).getSubject()).isNotNull();
	}

	@Test
	void validateWhenSignedByAnotherKeyWithSameKidThenRejected() {
		InvalidTokenException exception = rejection(() -> validate(idToken().signedWith(ATTACKER_RSA).build()));
		assertThat(checks(exception)).containsExactly(TokenCheck.SIGNATURE);
	}

	@Test
	void validateWhenKidUnknownThenKeyFailure() {
		InvalidTokenException exception = rejection(() -> validate(idToken().keyId("rotated-away").build()));
		assertThat(checks(exception)).containsExactly(TokenCheck.KEY);
		assertThat(exception.getMessage()).contains("rotated-away");
	}

	@Test
	void validateWhenExpiredThenRejected() {
		String token = idToken().claim("iat", NOW.minusSeconds(3600).getEpochSecond())
			.claim("exp", NOW.minusSeconds(61).getEpochSecond())
			.build();
		assertThat(checks(rejection(() -> validate(token)))).containsExactly(TokenCheck.EXPIRY);
	}

	@Test
	void validateWhenIssuerDiffersThenRejected() {
		assertThat(checks(rejection(() -> validate(idToken().claim("iss", "https://other.example").build()))))
			.containsExactly(TokenCheck.ISSUER);
	}

	@Test
	void validateWhenSubOrIatMissingThenRequiredClaimFailure() {
		assertThat(checks(rejection(() -> validate(idToken().without("sub").build()))))
			.containsExactly(TokenCheck.REQUIRED_CLAIM);
		assertThat(checks(rejection(() -> validate(idToken().without("iat").build()))))
			.containsExactly(TokenCheck.REQUIRED_CLAIM);
	}

	@Test
	void validateWhenAlgorithmNotAcceptedThenRejected() {
		IdTokenValidator rsaOnly = IdTokenValidator.forClient(ISSUER, CLIENT_ID)
			.algorithms(List.of(JwsAlgorithm.RS256))
			.build();
		String token = idToken().es384().build();
		assertThat(checks(rejection(() -> rsaOnly.validate(token, KEYS, pending(), null, NOW))))
			.containsExactly(TokenCheck.ALGORITHM);
	}

	@Test
	void validateWhenLoginStartedAtAnotherIssuerThenRejected() {
		PendingLogin elsewhere = new PendingLogin("https://other.example", false, REDIRECT_URI, STATE, NONCE, VERIFIER,
				null, null, NOW);
		InvalidTokenException exception = rejection(
				() -> this.validator.validate(idToken().build(), KEYS, elsewhere, null, NOW));
		assertThat(checks(exception)).containsExactly(TokenCheck.ISSUER);
	}

	@Test
	void validateWhenMaxAgeRequestedAndAuthTimeMissingThenRejected() {
		InvalidTokenException exception = rejection(
				() -> this.validator.validate(idToken().build(), KEYS, pending(Duration.ofMinutes(5)), null, NOW));
		assertThat(checks(exception)).containsExactly(TokenCheck.REQUIRED_CLAIM);
		assertThat(exception.getMessage()).contains("auth_time");
	}

	@Test
	void validateWhenAuthTimeOlderThanMaxAgeThenRejected() {
		// max_age 300 s and the default clock skew of 60 s: 361 s ago is too old, 360 s
		// ago is not.
		String tooOld = idToken().claim("auth_time", NOW.minusSeconds(361).getEpochSecond()).build();
		InvalidTokenException exception = rejection(
				() -> this.validator.validate(tooOld, KEYS, pending(Duration.ofMinutes(5)), null, NOW));
		assertThat(checks(exception)).containsExactly(TokenCheck.AUTHENTICATION_TIME);
		assertThat(exception.getMessage()).contains("max_age");
		String recent = idToken().claim("auth_time", NOW.minusSeconds(360).getEpochSecond()).build();
		assertThat(this.validator.validate(recent, KEYS, pending(Duration.ofMinutes(5)), null, NOW)).isNotNull();
	}

	@Test
	void validateWhenAuthTimeNotNumberThenClaimTypeFailure() {
		String token = idToken().claim("auth_time", "yesterday").build();
		assertThat(checks(rejection(() -> this.validator.validate(token, KEYS, pending(Duration.ZERO), null, NOW))))
			.containsExactly(TokenCheck.CLAIM_TYPE);
	}

	@Test
	void validateWhenNoMaxAgeRequestedThenAuthTimeIgnored() {
		String token = idToken().claim("auth_time", NOW.minusSeconds(86_400 * 30).getEpochSecond()).build();
		assertThat(validate(token)).isNotNull();
	}

	@Test
	void validateWhenSeveralRulesBrokenThenEveryFailureReported() {
		String token = idToken().claim("nonce", "other").claim("azp", "other-app").build();
		assertThat(checks(rejection(() -> validate(token)))).hasSize(2);
	}

	@Test
	void forClientWhenBlankArgumentsThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> IdTokenValidator.forClient(ISSUER, " "));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IdTokenValidator.forClient(ISSUER, CLIENT_ID).trustedAudiences(List.of("")));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
