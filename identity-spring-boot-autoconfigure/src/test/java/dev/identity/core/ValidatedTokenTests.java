package dev.identity.core;

import java.util.List;
import java.util.Map;

import dev.identity.core.internal.validation.TokenVerifier;
import org.junit.jupiter.api.Test;

import static dev.identity.core.TestTokens.AUDIENCE;
import static dev.identity.core.TestTokens.ISSUER;
import static dev.identity.core.TestTokens.NOW;
import static dev.identity.core.TestTokens.RSA;
import static dev.identity.core.TestTokens.keySet;
import static dev.identity.core.TestTokens.token;
import static dev.identity.core.TestTokens.verifier;
import static dev.identity.core.TestTokens.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the application reads from a verified token.
 */
class ValidatedTokenTests {

	private static final KeySet KEYS = keySet(RSA.jwk());

	private final TokenVerifier verifier = verifier();

	@Test
	void gettersWhenRegisteredClaimsPresentThenReturned() {
		String token = token(JwsAlgorithm.RS256).claim("nbf", NOW.minusSeconds(20).getEpochSecond())
			.claim("jti", "id-7")
			.build();
		ValidatedToken validated = verify(this.verifier, token, KEYS);
		assertThat(validated.getTokenValue()).isEqualTo(token);
		assertThat(validated.getAlgorithm()).isEqualTo(JwsAlgorithm.RS256);
		assertThat(validated.getKeyId()).isEqualTo(RSA.kid());
		assertThat(validated.getType()).isEqualTo("at+jwt");
		assertThat(validated.getSubject()).isEqualTo("alice");
		assertThat(validated.getIssuer()).isEqualTo(ISSUER);
		assertThat(validated.getAudiences()).containsExactly(AUDIENCE);
		assertThat(validated.getExpiresAt()).isEqualTo(NOW.plusSeconds(300));
		assertThat(validated.getIssuedAt()).isEqualTo(NOW.minusSeconds(10));
		assertThat(validated.getNotBefore()).isEqualTo(NOW.minusSeconds(20));
		assertThat(validated.getId()).isEqualTo("id-7");
	}

	@Test
	void getAudiencesWhenArrayThenEveryAudience() {
		String token = token(JwsAlgorithm.RS256).claim("aud", List.of(AUDIENCE, "billing-api")).build();
		assertThat(verify(this.verifier, token, KEYS).getAudiences()).containsExactly(AUDIENCE, "billing-api");
	}

	@Test
	void getScopesWhenScopeStringThenSplitOnSpaces() {
		String token = token(JwsAlgorithm.RS256).claim("scope", " orders:read  orders:write openid ").build();
		ValidatedToken validated = verify(this.verifier, token, KEYS);
		assertThat(validated.getScopes()).containsExactly("orders:read", "orders:write", "openid");
		assertThat(validated.hasScope("orders:write")).isTrue();
		assertThat(validated.hasScope("orders")).isFalse();
	}

	@Test
	void getScopesWhenScpArrayThenEveryEntry() {
		String token = token(JwsAlgorithm.RS256).claim("scp", List.of("orders:read", "orders:write")).build();
		ValidatedToken validated = verify(this.verifier, token, KEYS);
		assertThat(validated.getScopes()).containsExactly("orders:read", "orders:write");
		assertThat(validated.hasScope("orders:read")).isTrue();
	}

	@Test
	void getScopesWhenScpStringThenSplitOnSpaces() {
		String token = token(JwsAlgorithm.RS256).claim("scp", "a b").build();
		assertThat(verify(this.verifier, token, KEYS).getScopes()).containsExactly("a", "b");
	}

	@Test
	void getScopesWhenScopeAndScpThenScopeWins() {
		String token = token(JwsAlgorithm.RS256).claim("scope", "a").claim("scp", List.of("b")).build();
		assertThat(verify(this.verifier, token, KEYS).getScopes()).containsExactly("a");
	}

	@Test
	void getScopesWhenNoneThenEmpty() {
		ValidatedToken validated = verify(this.verifier, token(JwsAlgorithm.RS256).build(), KEYS);
		assertThat(validated.getScopes()).isEmpty();
		assertThat(validated.hasScope("openid")).isFalse();
	}

	@Test
	void getScopesThenUnmodifiable() {
		ValidatedToken validated = verify(this.verifier, token(JwsAlgorithm.RS256).claim("scope", "a").build(), KEYS);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> validated.getScopes().add("admin"));
	}

	@Test
	void claimHelpersWhenClaimsOfEveryTypeThenReadAsTyped() {
		String token = token(JwsAlgorithm.RS256).claim("tenant", "acme")
			.claim("roles", List.of("admin", "user"))
			.claim("group", "staff")
			.claim("level", 3)
			.claim("nothing", null)
			.claim("address", Map.of("city", "Basel"))
			.build();
		ValidatedToken validated = verify(this.verifier, token, KEYS);
		assertThat(validated.getClaimAsString("tenant")).isEqualTo("acme");
		assertThat(validated.getClaimAsString("level")).isNull();
		assertThat(validated.getClaimAsString("absent")).isNull();
		assertThat(validated.getClaimAsStringList("roles")).containsExactly("admin", "user");
		assertThat(validated.getClaimAsStringList("group")).containsExactly("staff");
		assertThat(validated.getClaimAsStringList("absent")).isEmpty();
		assertThat(validated.getClaim("level")).isEqualTo(3);
		assertThat(validated.getClaim("address")).isEqualTo(Map.of("city", "Basel"));
		assertThat(validated.hasClaim("tenant")).isTrue();
		assertThat(validated.hasClaim("nothing")).isFalse();
		assertThat(validated.hasClaim("absent")).isFalse();
		assertThat(validated.getClaims()).containsKey("nothing").containsEntry("sub", "alice");
	}

	@Test
	void getClaimsThenUnmodifiable() {
		ValidatedToken validated = verify(this.verifier, token(JwsAlgorithm.RS256).build(), KEYS);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> validated.getClaims().put("sub", "admin"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void getClaimsWhenNestedArrayOrObjectChangedThenUnsupportedOperation() {
		// Whoever holds the token after verification (a claims validator, a controller)
		// must not be able
		// to change what was verified.
		String token = token(JwsAlgorithm.RS256).claim("scp", List.of("read"))
			.claim("address", Map.of("city", "Basel", "tags", List.of("a")))
			.build();
		ValidatedToken validated = verify(this.verifier, token, KEYS);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> ((List<Object>) validated.getClaim("scp")).add("admin"));
		Map<String, Object> address = (Map<String, Object>) validated.getClaim("address");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> address.put("city", "Bern"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> ((List<Object>) address.get("tags")).add("b"));
		assertThat(validated.hasScope("admin")).isFalse();
	}

	@Test
	void toStringThenDescribesWithoutTheToken() {
		String token = token(JwsAlgorithm.RS256).build();
		ValidatedToken validated = verify(this.verifier, token, KEYS);
		String[] parts = token.split("\\.");
		assertThat(validated.toString()).contains("sub=alice")
			.contains(ISSUER)
			.contains("alg=RS256")
			.doesNotContain(token)
			.doesNotContain(parts[1])
			.doesNotContain(parts[2]);
	}

}
