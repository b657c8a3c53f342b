package dev.identity.core.internal.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import dev.identity.core.ClaimRule;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.core.TokenContent;
import dev.identity.core.ValidatedToken;
import dev.identity.core.ValidationPolicy;
import dev.identity.core.internal.CoreAccess;
import dev.identity.core.internal.LogSafeText;
import org.jspecify.annotations.Nullable;

/**
 * The built-in claim rules of access tokens (RFC 7519 §4.1, RFC 9068), built once from a
 * {@link ValidationPolicy}, and the loop that applies a policy's rules to a token. The
 * order of the rules is the order in which their failures are reported.
 */
public final class ClaimRules {

	private static final CoreAccess.Policies POLICIES = CoreAccess.policies();

	private ClaimRules() {
	}

	/**
	 * The built-in rules a policy asks for, in the order they run.
	 * @param policy the policy
	 * @return the rules
	 */
	public static List<ClaimRule> builtIn(ValidationPolicy policy) {
		long skew = policy.getClockSkew().getSeconds();
		List<ClaimRule> rules = new ArrayList<>();
		if (!policy.isIdTokensAccepted()) {
			rules.add(new AccessToken());
		}
		rules.add(new Issuer(policy.getIssuer()));
		rules.add(new Audience(policy.getAudiences()));
		rules.add(new Expiry(skew));
		rules.add(new NotBefore(skew));
		rules.add(new IssuedAt(skew));
		rules.add(new Subject());
		if (!policy.getRequiredClaims().isEmpty()) {
			rules.add(new RequiredClaims(policy.getRequiredClaims()));
		}
		return List.copyOf(rules);
	}

	/**
	 * Apply rules to a token. An array and an index loop: no iterator, nothing allocated
	 * unless a rule fails.
	 */
	static void check(ClaimRule[] rules, TokenContent token, Instant now, List<TokenCheckFailure> failures) {
		for (int i = 0; i < rules.length; i++) {
			rules[i].check(token, now, failures);
		}
	}

	/**
	 * Apply the application's rules to a token that passed every other check.
	 * @param policy the policy holding the rules
	 * @param token the token
	 * @param now the current time
	 * @return the token
	 * @throws InvalidTokenException listing every failure of the application's rules
	 */
	public static ValidatedToken checkApplicationRules(ValidationPolicy policy, ValidatedToken token, Instant now) {
		ClaimRule[] rules = POLICIES.applicationRules(policy);
		if (rules.length == 0) {
			return token;
		}
		List<TokenCheckFailure> failures = new ArrayList<>(1);
		check(rules, token, now, failures);
		if (!failures.isEmpty()) {
			throw new InvalidTokenException(failures);
		}
		return token;
	}

	/** Refuses ID tokens and other JWTs of the provider that are not access tokens. */
	record AccessToken() implements ClaimRule {

		@Override
		public String getName() {
			return "access-token";
		}

		@Override
		public void check(TokenContent token, Instant now, List<TokenCheckFailure> failures) {
			String notAnAccessToken = TokenKind.notAnAccessToken(token);
			if (notAnAccessToken != null) {
				failures.add(new TokenCheckFailure(TokenCheck.TYPE, notAnAccessToken));
			}
		}

	}

	/** {@code iss} is present, a string, and the configured issuer. */
	record Issuer(String issuer) implements ClaimRule {

		@Override
		public String getName() {
			return "issuer";
		}

		@Override
		public void check(TokenContent token, Instant now, List<TokenCheckFailure> failures) {
			Object iss = token.getClaim("iss");
			if (iss == null) {
				failures.add(new TokenCheckFailure(TokenCheck.ISSUER, "token has no 'iss'"));
			}
			else if (!(iss instanceof String text)) {
				failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'iss' is not a string"));
			}
			else if (!text.equals(this.issuer)) {
				failures.add(new TokenCheckFailure(TokenCheck.ISSUER,
						"iss '" + LogSafeText.of(text) + "' is not the configured issuer '" + this.issuer + "'"));
			}
		}

	}

	/**
	 * {@code aud} is a string or an array of strings and, when audiences are configured,
	 * holds one of them.
	 */
	record Audience(Set<String> audiences) implements ClaimRule {

		@Override
		public String getName() {
			return "audience";
		}

		@Override
		public void check(TokenContent token, Instant now, List<TokenCheckFailure> failures) {
			Object aud = token.getClaim("aud");
			if (aud != null && !(aud instanceof String)
					&& !(aud instanceof Collection<?> values && allStrings(values))) {
				failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE,
						"'aud' is neither a string nor an array of strings"));
				return;
			}
			if (this.audiences.isEmpty()) {
				return;
			}
			if (aud instanceof String text) {
				if (this.audiences.contains(text)) {
					return;
				}
			}
			else if (aud != null) {
				for (Object audience : (Collection<?>) aud) {
					if (this.audiences.contains(audience)) {
						return;
					}
				}
			}
			failures.add(new TokenCheckFailure(TokenCheck.AUDIENCE,
					describe(aud) + " holds none of the configured audiences " + this.audiences));
		}

		private static boolean allStrings(Collection<?> values) {
			for (Object value : values) {
				if (!(value instanceof String)) {
					return false;
				}
			}
			return true;
		}

		private static String describe(@Nullable Object aud) {
			List<String> shown = new ArrayList<>();
			if (aud instanceof String text) {
				shown.add(LogSafeText.of(text));
			}
			else if (aud != null) {
				for (Object audience : (Collection<?>) aud) {
					shown.add(LogSafeText.of((String) audience));
				}
			}
			return shown.isEmpty() ? "token has no 'aud'" : "aud " + shown;
		}

	}

	/** {@code exp} is present, a number, and not past (with the clock skew). */
	record Expiry(long skew) implements ClaimRule {

		@Override
		public String getName() {
			return "expiry";
		}

		@Override
		public void check(TokenContent token, Instant now, List<TokenCheckFailure> failures) {
			Object exp = token.getClaim("exp");
			if (exp == null) {
				failures.add(new TokenCheckFailure(TokenCheck.EXPIRY, "token has no 'exp'"));
			}
			else if (!(exp instanceof Number number)) {
				failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'exp' is not a number"));
			}
			else if (NumericDate.expired(NumericDate.seconds(number), now, this.skew)) {
				failures.add(new TokenCheckFailure(TokenCheck.EXPIRY, "token expired at " + NumericDate.instant(number)
						+ " (now " + now + ", clock skew " + this.skew + "s)"));
			}
		}

	}

	/** {@code nbf}, when present, is a number and not in the future (with the skew). */
	record NotBefore(long skew) implements ClaimRule {

		@Override
		public String getName() {
			return "not-before";
		}

		@Override
		public void check(TokenContent token, Instant now, List<TokenCheckFailure> failures) {
			Object nbf = token.getClaim("nbf");
			if (nbf == null) {
				return;
			}
			if (!(nbf instanceof Number number)) {
				failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'nbf' is not a number"));
			}
			else if (NumericDate.notYetValid(NumericDate.seconds(number), now, this.skew)) {
				failures.add(new TokenCheckFailure(TokenCheck.NOT_BEFORE, "token is not valid before "
						+ NumericDate.instant(number) + " (now " + now + ", clock skew " + this.skew + "s)"));
			}
		}

	}

	/** {@code iat}, when present, is a number and not in the future (with the skew). */
	record IssuedAt(long skew) implements ClaimRule {

		@Override
		public String getName() {
			return "issued-at";
		}

		@Override
		public void check(TokenContent token, Instant now, List<TokenCheckFailure> failures) {
			Object iat = token.getClaim("iat");
			if (iat == null) {
				return;
			}
			if (!(iat instanceof Number number)) {
				failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'iat' is not a number"));
			}
			else if (NumericDate.issuedInFuture(NumericDate.seconds(number), now, this.skew)) {
				failures.add(new TokenCheckFailure(TokenCheck.ISSUED_AT, "token was issued in the future at "
						+ NumericDate.instant(number) + " (now " + now + ", clock skew " + this.skew + "s)"));
			}
		}

	}

	/** {@code sub}, when present, is a string. */
	record Subject() implements ClaimRule {

		@Override
		public String getName() {
			return "subject";
		}

		@Override
		public void check(TokenContent token, Instant now, List<TokenCheckFailure> failures) {
			Object sub = token.getClaim("sub");
			if (sub != null && !(sub instanceof String)) {
				failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'sub' is not a string"));
			}
		}

	}

	/** The configured claims are present and not null. */
	record RequiredClaims(Set<String> names) implements ClaimRule {

		@Override
		public String getName() {
			return "required-claims";
		}

		@Override
		public void check(TokenContent token, Instant now, List<TokenCheckFailure> failures) {
			for (String name : this.names) {
				if (token.getClaim(name) == null) {
					failures.add(new TokenCheckFailure(TokenCheck.REQUIRED_CLAIM,
							"required claim '" + name + "' is " + (token.containsClaim(name) ? "null" : "missing")));
				}
			}
		}

	}

}
