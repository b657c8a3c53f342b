package dev.identity.core.internal.validation;

import java.util.List;
import java.util.Map;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.KeySet;
import dev.identity.core.TestTokens;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.core.ValidationPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.identity.core.TestTokens.ATTACKER_RSA;
import static dev.identity.core.TestTokens.AUDIENCE;
import static dev.identity.core.TestTokens.ISSUER;
import static dev.identity.core.TestTokens.NOW;
import static dev.identity.core.TestTokens.RSA;
import static dev.identity.core.TestTokens.checks;
import static dev.identity.core.TestTokens.keySet;
import static dev.identity.core.TestTokens.rejection;
import static dev.identity.core.TestTokens.token;
import static dev.identity.core.TestTokens.verify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ID token is not an access token (RFC 9068 §4, RFC 8725 §3.11): refused by default,
 * with the claims that real providers put in their access tokens still accepted. The
 * policy requires no {@code typ}, as for the many providers that do not type their access
 * tokens.
 */
class TokenVerifierTokenKindTests {

	private static final KeySet KEYS = keySet(RSA.jwk());

	private final TokenVerifier verifier = new TokenVerifier(
			ValidationPolicy.withIssuer(ISSUER).audiences(List.of(AUDIENCE)).build());

	/** A token as a provider that does not type its access tokens signs it. */
	private static TestTokens.Token untyped() {
		return token(JwsAlgorithm.RS256).header("typ", "JWT");
	}

	private static TestTokens.Token withClaims(TestTokens.Token token, Map<String, Object> claims) {
		claims.forEach(token::claim);
		return token;
	}

	@ParameterizedTest
	@ValueSource(strings = { "nonce", "at_hash", "c_hash", "s_hash" })
	void verifyWhenClaimOfIdTokensOnlyThenTypeFailureNamingIt(String claim) {
		String token = untyped().claim(claim, "n-0S6_WzA2Mj").build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.TYPE);
		assertThat(exception.getFailures().get(0).description()).contains("ID token", "'" + claim + "'", "RFC 9068")
			.doesNotContain(token)
			.doesNotContain(AUDIENCE);
	}

	@Test
	void verifyWhenNoTypHeaderAndNonceThenTypeFailure() {
		String token = untyped().withoutHeader("typ").claim("nonce", "n").build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.TYPE);
	}

	@Test
	void verifyWhenKeycloakIdTokenThenTypeFailure() {
		String token = untyped().claim("typ", "ID").claim("azp", "notes-web").build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.TYPE);
		assertThat(exception.getFailures().get(0).description()).contains("'typ' is 'ID'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Refresh", "Offline", "Logout" })
	void verifyWhenKeycloakTokenOfAnotherKindThenTypeFailure(String keycloakType) {
		String token = untyped().claim("typ", keycloakType).build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.TYPE);
		assertThat(exception.getFailures().get(0).description()).contains("'" + keycloakType + "'");
	}

	@Test
	void verifyWhenLogoutTokenWithoutTypThenTypeFailure() {
		String token = untyped().withoutHeader("typ").claim("events", java.util.Map.of()).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.TYPE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "logout+jwt", "application/secevent+jwt", "oauth-authz-req+jwt", "dpop+jwt" })
	void verifyWhenTypDeclaresAnotherKindOfJwtThenTypeFailure(String typ) {
		String token = token(JwsAlgorithm.RS256).header("typ", typ).build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.TYPE);
		assertThat(exception.getFailures().get(0).description()).contains(typ, "RFC 8725");
	}

	@ParameterizedTest
	@ValueSource(strings = { "at+jwt", "AT+JWT", "application/at+jwt" })
	void verifyWhenTypedAsAccessTokenThenAcceptedWhateverTheClaims(String typ) {
		// RFC 9068 typing is the provider's explicit word: a claim named like an ID
		// token's does not overrule it.
		String token = token(JwsAlgorithm.RS256).header("typ", typ).claim("nonce", "n").build();
		assertThat(verify(this.verifier, token, KEYS).getSubject()).isEqualTo("alice");
	}

	@Test
	void verifyWhenIdTokenAndForgedSignatureThenBothReported() {
		String token = untyped().claim("nonce", "n").signedWith("RS256", ATTACKER_RSA).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.SIGNATURE,
				TokenCheck.TYPE);
	}

	@Test
	void rejectWhenNoKeyForAnIdTokenThenTypeReportedToo() {
		ParsedToken parsed = this.verifier.parse(untyped().claim("at_hash", "x").build());
		InvalidTokenException exception = this.verifier.reject(parsed, new TokenCheckFailure(TokenCheck.KEY, "no key"),
				NOW);
		assertThat(checks(exception)).containsExactly(TokenCheck.KEY, TokenCheck.TYPE);
	}

	@Test
	void verifyWhenIdTokensAcceptedThenIdTokenAccepted() {
		TokenVerifier accepting = new TokenVerifier(
				ValidationPolicy.withIssuer(ISSUER).audiences(List.of(AUDIENCE)).acceptIdTokens(true).build());
		String token = untyped().claim("nonce", "n").claim("at_hash", "x").claim("typ", "ID").build();
		assertThat(verify(accepting, token, KEYS).getSubject()).isEqualTo("alice");
		assertThat(accepting.getPolicy().isIdTokensAccepted()).isTrue();
		assertThat(this.verifier.getPolicy().isIdTokensAccepted()).isFalse();
	}

	// ---- what providers really issue (claim sets from their documentation and from
	// running instances)

	@Test
	void verifyWhenAccessTokensOfKnownProvidersThenAccepted() {
		// Keycloak: typ "Bearer", with azp, auth_time, sid, session_state, and before
		// version 25 the nonce.
		assertAccepted(withClaims(untyped(), Map.of("typ", "Bearer", "azp", "notes-web", "auth_time", 1_700_000_000,
				"sid", "5b7c", "session_state", "5b7c", "nonce", "n", "scope", "openid profile", "acr", "1")));
		// Okta: auth_time with cid and scp.
		assertAccepted(withClaims(untyped().withoutHeader("typ"), Map.of("ver", 1, "jti", "AT.x", "cid", "0oa1", "uid",
				"00u1", "scp", List.of("openid"), "auth_time", 1_700_000_000)));
		// Auth0: azp, scope, gty, permissions.
		assertAccepted(withClaims(untyped(), Map.of("azp", "client", "scope", "read:notes", "gty", "client-credentials",
				"permissions", List.of("read:notes"))));
		// Microsoft Entra ID v2 and v1: azp / appid, scp, sid as an optional claim.
		assertAccepted(withClaims(untyped(), Map.of("azp", "client", "azpacr", "1", "scp", "notes.read", "oid", "o-1",
				"tid", "t-1", "ver", "2.0", "sid", "s-1", "uti", "u")));
		assertAccepted(withClaims(untyped(), Map.of("appid", "client", "appidacr", "1", "acr", "1", "amr",
				List.of("pwd"), "scp", "notes.read", "ver", "1.0")));
		// Spring Authorization Server: no typ header, scope, nbf, jti.
		assertAccepted(withClaims(untyped().withoutHeader("typ"),
				Map.of("scope", List.of("read"), "jti", "j", "nbf", NOW.minusSeconds(10).getEpochSecond())));
	}

	@Test
	void verifyWhenIdTokensOfKnownProvidersThenRefused() {
		// Spring Authorization Server 7, from a real login: azp, auth_time, sid and the
		// login's nonce.
		assertRefused(withClaims(untyped().withoutHeader("typ"),
				Map.of("azp", "notes-web", "auth_time", 1_700_000_000, "nonce", "n", "sid", "s", "jti", "j")));
		// Okta: nonce, at_hash, amr, idp.
		assertRefused(withClaims(untyped(), Map.of("ver", 1, "amr", List.of("pwd"), "idp", "00o1", "nonce", "n",
				"at_hash", "h", "auth_time", 1_700_000_000)));
		// Microsoft Entra ID: nonce and c_hash of a hybrid flow.
		assertRefused(withClaims(untyped(), Map.of("oid", "o-1", "tid", "t-1", "ver", "2.0", "c_hash", "h")));
		// Auth0 and Google: the login's nonce, Google's at_hash.
		assertRefused(withClaims(untyped(), Map.of("sid", "s", "nonce", "n", "nickname", "alice")));
		assertRefused(withClaims(untyped(), Map.of("azp", "client", "at_hash", "h", "email_verified", true)));
		// Keycloak: typ "ID".
		assertRefused(withClaims(untyped(), Map.of("typ", "ID", "azp", "notes-web", "auth_time", 1_700_000_000)));
	}

	private void assertAccepted(TestTokens.Token token) {
		assertThat(verify(this.verifier, token.build(), KEYS).getSubject()).isEqualTo("alice");
	}

	private void assertRefused(TestTokens.Token token) {
		String value = token.build();
		assertThat(checks(rejection(() -> verify(this.verifier, value, KEYS)))).containsExactly(TokenCheck.TYPE);
	}

}
