package dev.identity.core.internal.validation;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.KeySet;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.identity.core.TestTokens.ATTACKER_RSA;
import static dev.identity.core.TestTokens.AUDIENCE;
import static dev.identity.core.TestTokens.ISSUER;
import static dev.identity.core.TestTokens.NOW;
import static dev.identity.core.TestTokens.RSA;
import static dev.identity.core.TestTokens.checks;
import static dev.identity.core.TestTokens.keySet;
import static dev.identity.core.TestTokens.policy;
import static dev.identity.core.TestTokens.rejection;
import static dev.identity.core.TestTokens.token;
import static dev.identity.core.TestTokens.verifier;
import static dev.identity.core.TestTokens.verify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWT claim rules (RFC 7519 §4.1, RFC 9068 §4), with a clock skew of 60 seconds
 * unless stated.
 */
class TokenVerifierClaimsTests {

	private static final KeySet KEYS = keySet(RSA.jwk());

	private final TokenVerifier verifier = verifier();

	@Test
	void verifyWhenIssuerDiffersThenIssuerFailure() {
		String token = token(JwsAlgorithm.RS256).claim("iss", "https://idp.example.com/").build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.ISSUER);
		assertThat(exception.getFailures().get(0).description()).contains(ISSUER);
	}

	@Test
	void verifyWhenIssuerDiffersOnlyInCaseThenIssuerFailure() {
		String token = token(JwsAlgorithm.RS256).claim("iss", "https://IDP.example.com").build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.ISSUER);
	}

	@Test
	void verifyWhenIssuerMissingThenIssuerFailure() {
		String token = token(JwsAlgorithm.RS256).withoutClaim("iss").build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.ISSUER);
	}

	@Test
	void verifyWhenIssuerNullThenIssuerFailure() {
		String token = token(JwsAlgorithm.RS256).claim("iss", null).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.ISSUER);
	}

	@Test
	void verifyWhenIssuerNotAStringThenClaimTypeFailure() {
		String token = token(JwsAlgorithm.RS256).claim("iss", List.of(ISSUER)).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.CLAIM_TYPE);
	}

	@Test
	void verifyWhenAudienceIsTheConfiguredStringThenAccepted() {
		assertThat(verify(this.verifier, token(JwsAlgorithm.RS256).claim("aud", AUDIENCE).build(), KEYS).getAudiences())
			.containsExactly(AUDIENCE);
	}

	@Test
	void verifyWhenAudienceArrayHoldsTheConfiguredOneThenAccepted() {
		String token = token(JwsAlgorithm.RS256).claim("aud", List.of("billing-api", AUDIENCE)).build();
		assertThat(verify(this.verifier, token, KEYS).getAudiences()).containsExactly("billing-api", AUDIENCE);
	}

	@Test
	void verifyWhenOneOfSeveralConfiguredAudiencesPresentThenAccepted() {
		TokenVerifier verifier = new TokenVerifier(policy().audiences(List.of("a", "b", AUDIENCE)).build());
		assertThat(verify(verifier, token(JwsAlgorithm.RS256).claim("aud", "b").build(), KEYS)).isNotNull();
	}

	@Test
	void verifyWhenAudienceHoldsNoneOfTheConfiguredThenAudienceFailure() {
		String token = token(JwsAlgorithm.RS256).claim("aud", List.of("billing-api", "orders-api-v2")).build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.AUDIENCE);
		assertThat(exception.getFailures().get(0).description()).contains("billing-api").contains(AUDIENCE);
	}

	@Test
	void verifyWhenAudienceMissingThenAudienceFailure() {
		String token = token(JwsAlgorithm.RS256).withoutClaim("aud").build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.AUDIENCE);
	}

	@Test
	void verifyWhenAudienceEmptyArrayThenAudienceFailure() {
		String token = token(JwsAlgorithm.RS256).claim("aud", List.of()).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.AUDIENCE);
	}

	@Test
	void verifyWhenAudienceNotStringOrStringArrayThenClaimTypeFailure() {
		String token = token(JwsAlgorithm.RS256).claim("aud", 42).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.CLAIM_TYPE);
	}

	@Test
	void verifyWhenAudienceArrayHoldsNonStringThenClaimTypeFailure() {
		String token = token(JwsAlgorithm.RS256).claim("aud", Arrays.asList(AUDIENCE, 42)).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.CLAIM_TYPE);
	}

	@Test
	void verifyWhenNoAudiencesConfiguredThenAudienceNotChecked() {
		TokenVerifier verifier = new TokenVerifier(policy().audiences(List.of()).build());
		assertThat(verify(verifier, token(JwsAlgorithm.RS256).claim("aud", "anyone").build(), KEYS)).isNotNull();
		assertThat(verify(verifier, token(JwsAlgorithm.RS256).withoutClaim("aud").build(), KEYS)).isNotNull();
	}

	@Test
	void verifyWhenExpiryMissingThenExpiryFailure() {
		String token = token(JwsAlgorithm.RS256).withoutClaim("exp").build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.EXPIRY);
	}

	@Test
	void verifyWhenExpiryNotANumberThenClaimTypeFailure() {
		String token = token(JwsAlgorithm.RS256).claim("exp", String.valueOf(NOW.plusSeconds(300).getEpochSecond()))
			.build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.CLAIM_TYPE);
	}

	@Test
	void verifyWhenExpiredBeyondSkewThenExpiryFailure() {
		String token = token(JwsAlgorithm.RS256).claim("exp", NOW.minusSeconds(61).getEpochSecond()).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.EXPIRY);
	}

	@Test
	void verifyWhenExpiredWithinSkewThenAccepted() {
		String token = token(JwsAlgorithm.RS256).claim("exp", NOW.minusSeconds(59).getEpochSecond()).build();
		assertThat(verify(this.verifier, token, KEYS).getExpiresAt()).isEqualTo(NOW.minusSeconds(59));
	}

	@Test
	void verifyWhenNowIsExactlyExpiryPlusSkewThenExpiryFailure() {
		String token = token(JwsAlgorithm.RS256).claim("exp", NOW.minusSeconds(60).getEpochSecond()).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.EXPIRY);
	}

	@Test
	void verifyWhenNoSkewAndNowIsExactlyExpiryThenExpiryFailure() {
		TokenVerifier verifier = new TokenVerifier(policy().clockSkew(Duration.ZERO).build());
		String expired = token(JwsAlgorithm.RS256).claim("exp", NOW.getEpochSecond()).build();
		assertThat(checks(rejection(() -> verify(verifier, expired, KEYS)))).containsExactly(TokenCheck.EXPIRY);
		String valid = token(JwsAlgorithm.RS256).claim("exp", NOW.plusSeconds(1).getEpochSecond()).build();
		assertThat(verify(verifier, valid, KEYS)).isNotNull();
	}

	@Test
	void verifyWhenExpiryHasFractionThenAccepted() {
		// NumericDate may be non-integer (RFC 7519 §2).
		String token = token(JwsAlgorithm.RS256).claim("exp", NOW.plusSeconds(300).getEpochSecond() + 0.5).build();
		assertThat(verify(this.verifier, token, KEYS).getExpiresAt()).isEqualTo(NOW.plusSeconds(300));
	}

	@Test
	void verifyWhenExpiredWithFractionThenExpiryFailure() {
		String token = token(JwsAlgorithm.RS256).claim("exp", NOW.minusSeconds(3600).getEpochSecond() + 0.5).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.EXPIRY);
	}

	@Test
	void verifyWhenNotBeforeInFutureBeyondSkewThenNotBeforeFailure() {
		String token = token(JwsAlgorithm.RS256).claim("nbf", NOW.plusSeconds(61).getEpochSecond()).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.NOT_BEFORE);
	}

	@Test
	void verifyWhenNotBeforeInFutureWithinSkewThenAccepted() {
		String token = token(JwsAlgorithm.RS256).claim("nbf", NOW.plusSeconds(60).getEpochSecond()).build();
		assertThat(verify(this.verifier, token, KEYS).getNotBefore()).isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void verifyWhenNotBeforeNotANumberThenClaimTypeFailure() {
		String token = token(JwsAlgorithm.RS256).claim("nbf", "yesterday").build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.CLAIM_TYPE);
	}

	@Test
	void verifyWhenIssuedInFutureBeyondSkewThenIssuedAtFailure() {
		String token = token(JwsAlgorithm.RS256).claim("iat", NOW.plusSeconds(61).getEpochSecond()).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.ISSUED_AT);
	}

	@Test
	void verifyWhenIssuedInFutureWithinSkewThenAccepted() {
		String token = token(JwsAlgorithm.RS256).claim("iat", NOW.plusSeconds(60).getEpochSecond()).build();
		assertThat(verify(this.verifier, token, KEYS).getIssuedAt()).isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void verifyWhenIssuedAtNotANumberThenClaimTypeFailure() {
		String token = token(JwsAlgorithm.RS256).claim("iat", true).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.CLAIM_TYPE);
	}

	@Test
	void verifyWhenIssuedAtAndNotBeforeAbsentThenAccepted() {
		String token = token(JwsAlgorithm.RS256).withoutClaim("iat").build();
		ValidatedToken validated = verify(this.verifier, token, KEYS);
		assertThat(validated.getIssuedAt()).isNull();
		assertThat(validated.getNotBefore()).isNull();
	}

	@Test
	void verifyWhenRequiredClaimMissingThenRequiredClaimFailure() {
		TokenVerifier verifier = new TokenVerifier(policy().requiredClaims(List.of("tenant", "sub")).build());
		String token = token(JwsAlgorithm.RS256).build();
		InvalidTokenException exception = rejection(() -> verify(verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.REQUIRED_CLAIM);
		assertThat(exception.getFailures().get(0).description()).contains("'tenant'").contains("missing");
	}

	@Test
	void verifyWhenRequiredClaimNullThenRequiredClaimFailure() {
		TokenVerifier verifier = new TokenVerifier(policy().requiredClaims(List.of("tenant")).build());
		String token = token(JwsAlgorithm.RS256).claim("tenant", null).build();
		InvalidTokenException exception = rejection(() -> verify(verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.REQUIRED_CLAIM);
		assertThat(exception.getFailures().get(0).description()).contains("null");
	}

	@Test
	void verifyWhenRequiredClaimsPresentThenAccepted() {
		TokenVerifier verifier = new TokenVerifier(policy().requiredClaims(List.of("tenant", "sub")).build());
		String token = token(JwsAlgorithm.RS256).claim("tenant", false).build();
		assertThat(verify(verifier, token, KEYS).getClaim("tenant")).isEqualTo(false);
	}

	@Test
	void verifyWhenSeveralRequiredClaimsMissingThenEachReported() {
		TokenVerifier verifier = new TokenVerifier(policy().requiredClaims(List.of("tenant", "client_id")).build());
		String token = token(JwsAlgorithm.RS256).build();
		assertThat(checks(rejection(() -> verify(verifier, token, KEYS)))).containsExactly(TokenCheck.REQUIRED_CLAIM,
				TokenCheck.REQUIRED_CLAIM);
	}

	@ParameterizedTest
	@ValueSource(strings = { "42", "[\"alice\"]", "{\"id\":\"alice\"}", "true" })
	void verifyWhenSubjectNotAStringThenClaimTypeFailure(String subject) {
		String token = token(JwsAlgorithm.RS256)
			.rawPayload("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":"
					+ NOW.plusSeconds(300).getEpochSecond() + ",\"sub\":" + subject + "}")
			.build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.CLAIM_TYPE);
	}

	@Test
	void verifyWhenSubjectAbsentThenAccepted() {
		assertThat(verify(this.verifier, token(JwsAlgorithm.RS256).withoutClaim("sub").build(), KEYS).getSubject())
			.isNull();
	}

	@Test
	void verifyWhenIssuerAudienceAndExpiryFailThenAllThreeReported() {
		String token = token(JwsAlgorithm.RS256).claim("iss", "https://other.example")
			.claim("aud", "billing-api")
			.claim("exp", NOW.minusSeconds(3600).getEpochSecond())
			.build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.ISSUER, TokenCheck.AUDIENCE, TokenCheck.EXPIRY);
		assertThat(exception.hasFailed(TokenCheck.AUDIENCE)).isTrue();
		assertThat(exception.hasFailed(TokenCheck.SIGNATURE)).isFalse();
		assertThat(exception.getMessage()).contains("ISSUER").contains("AUDIENCE").contains("EXPIRY");
	}

	@Test
	void verifyWhenSignatureAndClaimsFailThenAllReported() {
		String token = token(JwsAlgorithm.RS256).claim("aud", "billing-api")
			.claim("nbf", NOW.plusSeconds(3600).getEpochSecond())
			.signedWith("RS256", ATTACKER_RSA)
			.build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.SIGNATURE,
				TokenCheck.AUDIENCE, TokenCheck.NOT_BEFORE);
	}

	@Test
	void verifyWhenTypeAndClaimsFailThenAllReported() {
		String token = token(JwsAlgorithm.RS256).header("typ", "JWT")
			.withoutClaim("exp")
			.claim("iat", NOW.plusSeconds(3600).getEpochSecond())
			.build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.TYPE,
				TokenCheck.EXPIRY, TokenCheck.ISSUED_AT);
	}

	// Claims are checked whatever the signature, so dates an attacker picks must never
	// escape as
	// anything but an InvalidTokenException.
	@ParameterizedTest
	@CsvSource({ "exp, 9223372036854775807", "exp, -9223372036854775808", "exp, 100000000000000000000", "exp, 1e300",
			"nbf, 9223372036854775807", "iat, 9223372036854775807", "iat, -9223372036854775808", "exp, 1e400",
			"exp, -1e400", "nbf, 1e400", "iat, 1e400", "iat, -1e400" })
	void verifyWhenNumericDateBeyondInstantRangeAndSignatureForgedThenSignatureFailure(String claim, String value) {
		String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"alice\",\"exp\":"
				+ NOW.plusSeconds(300).getEpochSecond() + "}";
		String payload = claim.equals("exp")
				? claims.replace(String.valueOf(NOW.plusSeconds(300).getEpochSecond()), value)
				: claims.replace("}", ",\"" + claim + "\":" + value + "}");
		String token = token(JwsAlgorithm.RS256).rawPayload(payload).signedWith("RS256", ATTACKER_RSA).build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).contains(TokenCheck.SIGNATURE);
	}

	@Test
	void rejectWhenExpiryBeyondInstantRangeThenInvalidTokenException() {
		String token = token(JwsAlgorithm.RS256).header("kid", "unknown")
			.rawPayload("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":9223372036854775807}")
			.build();
		ParsedToken parsed = this.verifier.parse(token);
		InvalidTokenException exception = rejection(() -> {
			throw this.verifier.reject(parsed, new TokenCheckFailure(TokenCheck.KEY, "no key"), NOW);
		});
		assertThat(checks(exception)).containsExactly(TokenCheck.KEY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "9223372036854775807", "100000000000000000000", "1e300", "1e400" })
	void verifyWhenExpiryBeyondInstantRangeAndSignedThenAcceptedWithClampedExpiry(String exp) {
		String token = token(JwsAlgorithm.RS256)
			.rawPayload("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":" + exp + "}")
			.build();
		assertThat(verify(this.verifier, token, KEYS).getExpiresAt())
			.isAfter(Instant.parse("+1000000-01-01T00:00:00Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-9223372036854775808", "-100000000000000000000", "-1e300", "-1e400" })
	void verifyWhenExpiryFarBeforeInstantRangeThenExpiryFailure(String exp) {
		String token = token(JwsAlgorithm.RS256)
			.rawPayload("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":" + exp + "}")
			.build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.EXPIRY);
	}

}
