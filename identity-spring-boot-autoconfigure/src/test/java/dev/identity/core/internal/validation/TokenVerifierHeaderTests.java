package dev.identity.core.internal.validation;

import java.util.List;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.KeySet;
import dev.identity.core.TokenCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * The {@code crit} and {@code typ} header rules.
 */
class TokenVerifierHeaderTests {

	private static final KeySet KEYS = keySet(RSA.jwk());

	private final TokenVerifier verifier = verifier();

	@Test
	void verifyWhenHeaderDiffersFromTheLastInOneCharacterThenItsOwnVerdict() {
		// The last header read is kept with its verdict; a header of the same length
		// that differs in one character must be read and checked afresh, either way.
		String accepted = token(JwsAlgorithm.RS256).build();
		String refused = token(JwsAlgorithm.RS256).header("typ", "at+jws").build();
		assertThat(refused.indexOf('.')).isEqualTo(accepted.indexOf('.'));
		assertThat(verify(this.verifier, accepted, KEYS).getType()).isEqualTo("at+jwt");
		assertThat(checks(rejection(() -> verify(this.verifier, refused, KEYS)))).containsExactly(TokenCheck.TYPE);
		assertThat(verify(this.verifier, accepted, KEYS).getType()).isEqualTo("at+jwt");
		assertThat(checks(rejection(() -> verify(this.verifier, refused, KEYS)))).containsExactly(TokenCheck.TYPE);
	}

	@Test
	void verifyWhenHeaderExtendsTheLastThenItsOwnVerdict() {
		String accepted = token(JwsAlgorithm.RS256).build();
		String longer = token(JwsAlgorithm.RS256).header("crit", List.of("b64")).build();
		assertThat(verify(this.verifier, accepted, KEYS)).isNotNull();
		assertThat(checks(rejection(() -> verify(this.verifier, longer, KEYS))))
			.containsExactly(TokenCheck.CRITICAL_HEADER);
	}

	@Test
	void verifyWhenTokensShareTheirHeaderThenEachKeepsItsOwnClaims() {
		String alice = token(JwsAlgorithm.RS256).claim("sub", "alice").build();
		String bob = token(JwsAlgorithm.RS256).claim("sub", "bob").build();
		assertThat(alice.substring(0, alice.indexOf('.'))).isEqualTo(bob.substring(0, bob.indexOf('.')));
		assertThat(verify(this.verifier, alice, KEYS).getSubject()).isEqualTo("alice");
		assertThat(verify(this.verifier, bob, KEYS).getSubject()).isEqualTo("bob");
		assertThat(checks(rejection(() -> verify(this.verifier,
				bob.substring(0, bob.lastIndexOf('.') + 1) + alice.substring(alice.lastIndexOf('.') + 1), KEYS))))
			.containsExactly(TokenCheck.SIGNATURE);
	}

	@Test
	void verifyWhenCritNamesUnknownExtensionThenCriticalHeaderFailure() {
		String token = token(JwsAlgorithm.RS256).header("crit", List.of("urn:example:policy"))
			.header("urn:example:policy", "strict")
			.build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.CRITICAL_HEADER);
		assertThat(exception.getFailures().get(0).description()).contains("urn:example:policy");
	}

	@Test
	void verifyWhenCritNamesB64ThenCriticalHeaderFailure() {
		// RFC 7797: with b64=false the signed payload is not the one in the token; not
		// supported.
		String token = token(JwsAlgorithm.RS256).header("b64", false).header("crit", List.of("b64")).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS))))
			.containsExactly(TokenCheck.CRITICAL_HEADER);
	}

	@Test
	void verifyWhenCritNamesTwoExtensionsThenOneFailureEach() {
		String token = token(JwsAlgorithm.RS256).header("crit", List.of("b64", "exp")).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS))))
			.containsExactly(TokenCheck.CRITICAL_HEADER, TokenCheck.CRITICAL_HEADER);
	}

	@Test
	void verifyWhenCritIsEmptyArrayThenCriticalHeaderFailure() {
		String token = token(JwsAlgorithm.RS256).header("crit", List.of()).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS))))
			.containsExactly(TokenCheck.CRITICAL_HEADER);
	}

	@Test
	void verifyWhenCritIsNotAnArrayThenCriticalHeaderFailure() {
		String token = token(JwsAlgorithm.RS256).header("crit", "b64").build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS))))
			.containsExactly(TokenCheck.CRITICAL_HEADER);
	}

	@Test
	void verifyWhenCritIsNullThenCriticalHeaderFailure() {
		String token = token(JwsAlgorithm.RS256).header("crit", null).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS))))
			.containsExactly(TokenCheck.CRITICAL_HEADER);
	}

	@Test
	void verifyWhenCritAndExpiredThenBothReported() {
		String token = token(JwsAlgorithm.RS256).header("crit", List.of("b64"))
			.claim("exp", NOW.minusSeconds(3600).getEpochSecond())
			.build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS))))
			.containsExactly(TokenCheck.CRITICAL_HEADER, TokenCheck.EXPIRY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "at+jwt", "application/at+jwt", "AT+JWT", "Application/At+Jwt" })
	void verifyWhenTypeIsAccessTokenThenAccepted(String typ) {
		String token = token(JwsAlgorithm.RS256).header("typ", typ).build();
		assertThat(verify(this.verifier, token, KEYS).getType()).isEqualTo(typ);
	}

	@ParameterizedTest
	@ValueSource(strings = { "JWT", "jwt", "application/jwt", "at+jwt2", "application/", "" })
	void verifyWhenTypeIsNotAccessTokenThenTypeFailure(String typ) {
		String token = token(JwsAlgorithm.RS256).header("typ", typ).build();
		assertThat(checks(rejection(() -> verify(this.verifier, token, KEYS)))).containsExactly(TokenCheck.TYPE);
	}

	@Test
	void verifyWhenTypeMissingThenTypeFailure() {
		String token = token(JwsAlgorithm.RS256).withoutHeader("typ").build();
		InvalidTokenException exception = rejection(() -> verify(this.verifier, token, KEYS));
		assertThat(checks(exception)).containsExactly(TokenCheck.TYPE);
		assertThat(exception.getFailures().get(0).description()).contains("at+jwt");
	}

	@Test
	void verifyWhenRequiredTypeConfiguredWithMediaTypePrefixThenShortFormAccepted() {
		TokenVerifier verifier = new TokenVerifier(policy().requiredType(" Application/AT+JWT ").build());
		String token = token(JwsAlgorithm.RS256).header("typ", "at+jwt").build();
		assertThat(verify(verifier, token, KEYS)).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "JWT", "at+jwt", "anything" })
	void verifyWhenNoTypeRequiredThenAnyTypeAccepted(String typ) {
		TokenVerifier verifier = new TokenVerifier(policy().requiredType(null).build());
		String token = token(JwsAlgorithm.RS256).header("typ", typ).build();
		assertThat(verify(verifier, token, KEYS)).isNotNull();
	}

	@Test
	void verifyWhenNoTypeRequiredThenMissingTypeAccepted() {
		TokenVerifier verifier = new TokenVerifier(policy().requiredType(null).build());
		String token = token(JwsAlgorithm.RS256).withoutHeader("typ").build();
		assertThat(verify(verifier, token, KEYS).getType()).isNull();
	}

	@Test
	void parseWhenTypeFailedThenHeaderFailureRecordedNotThrown() {
		ParsedToken parsed = this.verifier.parse(token(JwsAlgorithm.RS256).header("typ", "JWT").build());
		assertThat(parsed.hasHeaderFailures()).isTrue();
		assertThat(parsed.getAlgorithm()).isEqualTo(JwsAlgorithm.RS256);
		assertThat(parsed.getKeyId()).isEqualTo(RSA.kid());
	}

	@Test
	void parseWhenHeaderValidThenNoHeaderFailures() {
		ParsedToken parsed = this.verifier.parse(token(JwsAlgorithm.RS256).build());
		assertThat(parsed.hasHeaderFailures()).isFalse();
		assertThat(parsed.toString()).contains("RS256").contains(RSA.kid());
	}

}
