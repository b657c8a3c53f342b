package dev.identity.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One rule a token's claims must satisfy, as a value that can be listed and named, like
 * Spring Security's {@code OAuth2TokenValidator}. The built-in rules (access token,
 * issuer, audience, expiry...) are built once from a {@link ValidationPolicy}, which
 * lists them with the application's own in {@link ValidationPolicy#getRules()}.
 * <p>
 * An application rule is declared as a bean of this type; auto-configuration adds every
 * such bean, in order, to the policy of access tokens, so it applies wherever an access
 * token is validated (the clients, the {@code JwtDecoder}s, controller parameters). It
 * runs after the built-in rules have all passed, on a token whose signature verified, and
 * before the verdict is cached, so it should decide on the claims alone.
 */
public interface ClaimRule {

	/** Name shown when the rules are listed, e.g. {@code issuer}. */
	String getName();

	/**
	 * Check a token and add one failure per problem found; add nothing when the token
	 * passes. Application rules report {@link TokenCheck#CUSTOM} failures.
	 * @param token the token's header type and claims
	 * @param now the current time
	 * @param failures where failures are added; never include the token itself
	 */
	void check(TokenContent token, Instant now, List<TokenCheckFailure> failures);

	/**
	 * A named rule that fails with one {@link TokenCheck#CUSTOM} failure when a condition
	 * does not hold.
	 * @param name the rule's name
	 * @param condition what a token must satisfy
	 * @param description the failure's description
	 * @return the rule
	 */
	static ClaimRule require(String name, Predicate<TokenContent> condition, String description) {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(condition, "condition");
		Objects.requireNonNull(description, "description");
		return new ClaimRule() {

			@Override
			public String getName() {
				return name;
			}

			@Override
			public void check(TokenContent token, Instant now, List<TokenCheckFailure> failures) {
				if (!condition.test(token)) {
					failures.add(new TokenCheckFailure(TokenCheck.CUSTOM, description));
				}
			}

			@Override
			public String toString() {
				return "ClaimRule[" + name + "]";
			}

		};
	}

}
