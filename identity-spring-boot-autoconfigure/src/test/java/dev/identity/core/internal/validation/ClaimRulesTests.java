package dev.identity.core.internal.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.identity.core.ClaimRule;
import dev.identity.core.IntrospectionResult;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.KeySet;
import dev.identity.core.TestTokens;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.core.TokenContent;
import dev.identity.core.ValidatedToken;
import dev.identity.core.ValidationPolicy;
import org.junit.jupiter.api.Test;

import static dev.identity.core.TestTokens.NOW;
import static dev.identity.core.TestTokens.RSA;
import static dev.identity.core.TestTokens.checks;
import static dev.identity.core.TestTokens.keySet;
import static dev.identity.core.TestTokens.policy;
import static dev.identity.core.TestTokens.rejection;
import static dev.identity.core.TestTokens.token;
import static dev.identity.core.TestTokens.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The claim rules as values: the built-in rules a policy lists, and the application's
 * rules, which run after them on verified tokens only.
 */
class ClaimRulesTests {

	private static final KeySet KEYS = keySet(RSA.jwk());

	private static final ClaimRule TENANT = ClaimRule.require("tenant",
			(token) -> "acme".equals(token.getClaimAsString("tenant")), "tenant is not acme");

	@Test
	void getRulesWhenAccessTokenPolicyThenBuiltInRulesInTheOrderTheyRun() {
		assertThat(names(policy().build())).containsExactly("access-token", "issuer", "audience", "expiry",
				"not-before", "issued-at", "subject");
	}

	@Test
	void getRulesWhenRequiredClaimsAndIdTokensAcceptedThenListed() {
		ValidationPolicy policy = policy().requiredClaims(List.of("sub")).acceptIdTokens(true).build();
		assertThat(names(policy)).containsExactly("issuer", "audience", "expiry", "not-before", "issued-at", "subject",
				"required-claims");
	}

	@Test
	void getRulesWhenApplicationRulesThenListedAfterTheBuiltInRulesInOrder() {
		ClaimRule other = ClaimRule.require("region", (token) -> true, "never");
		List<ClaimRule> rules = policy().rules(List.of(TENANT, other)).build().getRules();
		assertThat(rules).endsWith(TENANT, other);
		assertThat(rules.get(1)).isEqualTo(new ClaimRules.Issuer(TestTokens.ISSUER));
	}

	@Test
	void rulesWhenNullRuleThenRejected() {
		List<ClaimRule> rules = new ArrayList<>();
		rules.add(null);
		assertThatNullPointerException().isThrownBy(() -> policy().rules(rules));
	}

	@Test
	void verifyWhenApplicationRulePassesThenAcceptedAndRuleSawTheValidatedToken() {
		List<TokenContent> seen = new ArrayList<>();
		ClaimRule recording = new Recording(seen, null);
		TokenVerifier verifier = new TokenVerifier(policy().rules(List.of(recording)).build());
		ValidatedToken validated = verify(verifier, token(JwsAlgorithm.RS256).build(), KEYS);
		assertThat(seen).containsExactly(validated);
	}

	@Test
	void verifyWhenApplicationRuleFailsThenCustomFailure() {
		TokenVerifier verifier = new TokenVerifier(policy().rules(List.of(TENANT)).build());
		String token = token(JwsAlgorithm.RS256).claim("tenant", "other").build();
		InvalidTokenException exception = rejection(() -> verify(verifier, token, KEYS));
		assertThat(exception.getFailures())
			.containsExactly(new TokenCheckFailure(TokenCheck.CUSTOM, "tenant is not acme"));
		assertThat(verify(verifier, token(JwsAlgorithm.RS256).claim("tenant", "acme").build(), KEYS).getSubject())
			.isEqualTo("alice");
	}

	@Test
	void verifyWhenTwoApplicationRulesFailThenBothInTheirOrder() {
		ClaimRule first = new Recording(new ArrayList<>(), "first");
		ClaimRule second = new Recording(new ArrayList<>(), "second");
		TokenVerifier verifier = new TokenVerifier(policy().rules(List.of(first, second)).build());
		InvalidTokenException exception = rejection(() -> verify(verifier, token(JwsAlgorithm.RS256).build(), KEYS));
		assertThat(exception.getFailures()).extracting(TokenCheckFailure::description)
			.containsExactly("first", "second");
	}

	@Test
	void verifyWhenBuiltInRuleFailsThenApplicationRuleNotRun() {
		List<TokenContent> seen = new ArrayList<>();
		TokenVerifier verifier = new TokenVerifier(policy().rules(List.of(new Recording(seen, "custom"))).build());
		String token = token(JwsAlgorithm.RS256).claim("iss", "https://evil.example").build();
		assertThat(checks(rejection(() -> verify(verifier, token, KEYS)))).containsExactly(TokenCheck.ISSUER);
		assertThat(seen).isEmpty();
	}

	@Test
	void verifyWhenSignatureForgedThenApplicationRuleNeverSeesTheClaims() {
		List<TokenContent> seen = new ArrayList<>();
		TokenVerifier verifier = new TokenVerifier(policy().rules(List.of(new Recording(seen, null))).build());
		String token = token(JwsAlgorithm.RS256).signedWith("RS256", TestTokens.ATTACKER_RSA).build();
		assertThat(checks(rejection(() -> verify(verifier, token, KEYS)))).containsExactly(TokenCheck.SIGNATURE);
		assertThat(seen).isEmpty();
	}

	@Test
	void rejectWhenNoKeyThenApplicationRuleNotRun() {
		AtomicInteger calls = new AtomicInteger();
		ClaimRule counting = ClaimRule.require("counting", (token) -> calls.incrementAndGet() < 0, "counted");
		TokenVerifier verifier = new TokenVerifier(policy().rules(List.of(counting)).build());
		ParsedToken parsed = verifier.parse(token(JwsAlgorithm.RS256).build());
		InvalidTokenException exception = verifier.reject(parsed,
				new TokenCheckFailure(TokenCheck.KEY, "no key for the token"), NOW);
		assertThat(checks(exception)).containsExactly(TokenCheck.KEY);
		assertThat(calls).hasValue(0);
	}

	@Test
	void toValidatedTokenWhenIntrospectedTokenFailsApplicationRuleThenCustomFailure() {
		ValidationPolicy policy = ValidationPolicy.withIssuer(TestTokens.ISSUER).rules(List.of(TENANT)).build();
		IntrospectionResult other = IntrospectionResult
			.parse("{\"active\":true,\"sub\":\"alice\",\"token_type\":\"Bearer\",\"tenant\":\"other\"}");
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> other.toValidatedToken("opaque", policy, NOW, true))
			.satisfies((ex) -> assertThat(checks(ex)).containsExactly(TokenCheck.CUSTOM));
		IntrospectionResult acme = IntrospectionResult
			.parse("{\"active\":true,\"sub\":\"alice\",\"token_type\":\"Bearer\",\"tenant\":\"acme\"}");
		assertThat(acme.toValidatedToken("opaque", policy, NOW, true).getSubject()).isEqualTo("alice");
	}

	private static List<String> names(ValidationPolicy policy) {
		return policy.getRules().stream().map(ClaimRule::getName).toList();
	}

	/** Records the tokens it sees; fails each with its description when one is given. */
	private record Recording(List<TokenContent> seen, String failure) implements ClaimRule {

		@Override
		public String getName() {
			return "recording";
		}

		@Override
		public void check(TokenContent token, Instant now, List<TokenCheckFailure> failures) {
			this.seen.add(token);
			if (this.failure != null) {
				failures.add(new TokenCheckFailure(TokenCheck.CUSTOM, this.failure));
			}
		}

	}

}
