package dev.identity.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import dev.identity.core.internal.CoreAccess;
import dev.identity.core.internal.validation.ClaimRules;
import org.jspecify.annotations.Nullable;

/**
 * What a token must satisfy: issuer, audiences, algorithms, clock skew, type and required
 * claims, and the application's own {@link ClaimRule}s. Immutable; build one with
 * {@link #withIssuer(String)}. {@link #getRules()} lists the claim rules it makes.
 */
public final class ValidationPolicy {

	static {
		// The per-token loop reads the rule arrays themselves; applications see
		// getRules().
		CoreAccess.register(new CoreAccess.Policies() {

			@Override
			public ClaimRule[] builtInRules(ValidationPolicy policy) {
				return policy.builtInRules;
			}

			@Override
			public ClaimRule[] applicationRules(ValidationPolicy policy) {
				// They run on a token that passed every other check.
				return policy.applicationRules;
			}

		});
	}

	/** Clock skew applied when none is configured. */
	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

	private final String issuer;

	private final Set<String> audiences;

	private final Set<JwsAlgorithm> algorithms;

	private final Duration clockSkew;

	private final @Nullable String requiredType;

	private final Set<String> requiredClaims;

	private final boolean idTokensAccepted;

	private final ClaimRule[] builtInRules;

	private final ClaimRule[] applicationRules;

	private final List<ClaimRule> rules;

	private ValidationPolicy(Builder builder) {
		this.issuer = builder.issuer;
		this.audiences = Set.copyOf(builder.audiences);
		this.algorithms = Set.copyOf(builder.algorithms);
		this.clockSkew = builder.clockSkew;
		this.requiredType = builder.requiredType;
		this.requiredClaims = Set.copyOf(builder.requiredClaims);
		this.idTokensAccepted = builder.idTokensAccepted;
		// Built once: the per-token loop walks arrays and allocates nothing.
		List<ClaimRule> builtIn = ClaimRules.builtIn(this);
		this.builtInRules = builtIn.toArray(new ClaimRule[0]);
		this.applicationRules = builder.applicationRules.toArray(new ClaimRule[0]);
		List<ClaimRule> all = new ArrayList<>(builtIn);
		all.addAll(builder.applicationRules);
		this.rules = List.copyOf(all);
	}

	/**
	 * Start a policy for tokens of the given issuer.
	 * @param issuer the issuer identifier, compared exactly with {@code iss}
	 * @return a builder
	 */
	public static Builder withIssuer(String issuer) {
		return new Builder(issuer);
	}

	/** Issuer the {@code iss} claim must equal. */
	public String getIssuer() {
		return this.issuer;
	}

	/** Audiences of which {@code aud} must hold at least one; empty to skip the check. */
	public Set<String> getAudiences() {
		return this.audiences;
	}

	/** Accepted signature algorithms. */
	public Set<JwsAlgorithm> getAlgorithms() {
		return this.algorithms;
	}

	/** Tolerance for {@code exp}, {@code nbf} and {@code iat}. */
	public Duration getClockSkew() {
		return this.clockSkew;
	}

	/** Required {@code typ} header, e.g. {@code at+jwt}, or {@code null} for none. */
	public @Nullable String getRequiredType() {
		return this.requiredType;
	}

	/** Claims that must be present and non-null. */
	public Set<String> getRequiredClaims() {
		return this.requiredClaims;
	}

	/**
	 * Whether tokens that are not access tokens (OpenID Connect ID tokens, or a
	 * {@code typ} of another kind of JWT) are accepted; {@code false} unless configured
	 * (RFC 9068 §4, RFC 8725 §3.11).
	 */
	public boolean isIdTokensAccepted() {
		return this.idTokensAccepted;
	}

	/**
	 * Every claim rule of this policy, in the order they run: the built-in rules (for
	 * example {@code access-token}, {@code issuer}, {@code audience}, {@code expiry}),
	 * then the application's. The JOSE header checks ({@code alg}, {@code crit},
	 * {@code typ}) and the signature are checked before them and are not listed.
	 * @return the rules, read-only
	 */
	public List<ClaimRule> getRules() {
		return this.rules;
	}

	@Override
	public String toString() {
		return "ValidationPolicy[issuer=" + this.issuer + ", audiences=" + this.audiences + ", algorithms="
				+ this.algorithms + ", clockSkew=" + this.clockSkew + ", requiredType=" + this.requiredType
				+ ", requiredClaims=" + this.requiredClaims + ", idTokensAccepted=" + this.idTokensAccepted + "]";
	}

	/**
	 * Builder for {@link ValidationPolicy}; every argument is checked.
	 */
	public static final class Builder {

		private final String issuer;

		private final Set<String> audiences = new LinkedHashSet<>();

		private final Set<JwsAlgorithm> algorithms = EnumSet.allOf(JwsAlgorithm.class);

		private Duration clockSkew = DEFAULT_CLOCK_SKEW;

		private @Nullable String requiredType;

		private final Set<String> requiredClaims = new LinkedHashSet<>();

		private boolean idTokensAccepted;

		private final List<ClaimRule> applicationRules = new ArrayList<>();

		private Builder(String issuer) {
			Objects.requireNonNull(issuer, "issuer");
			if (issuer.isBlank()) {
				throw new IllegalArgumentException("issuer must not be blank");
			}
			this.issuer = issuer;
		}

		public Builder audiences(Collection<String> audiences) {
			Objects.requireNonNull(audiences, "audiences");
			this.audiences.clear();
			for (String audience : audiences) {
				if (audience == null || audience.isBlank()) {
					throw new IllegalArgumentException("audiences must not contain blank values");
				}
				this.audiences.add(audience);
			}
			return this;
		}

		public Builder algorithms(Collection<JwsAlgorithm> algorithms) {
			Objects.requireNonNull(algorithms, "algorithms");
			if (algorithms.isEmpty()) {
				throw new IllegalArgumentException("at least one algorithm must be accepted");
			}
			this.algorithms.clear();
			this.algorithms.addAll(algorithms);
			return this;
		}

		public Builder clockSkew(Duration clockSkew) {
			Objects.requireNonNull(clockSkew, "clockSkew");
			if (clockSkew.isNegative()) {
				throw new IllegalArgumentException("clock skew must not be negative");
			}
			this.clockSkew = clockSkew;
			return this;
		}

		public Builder requiredType(@Nullable String requiredType) {
			this.requiredType = (requiredType == null || requiredType.isBlank()) ? null
					: requiredType.trim().toLowerCase(Locale.ROOT);
			return this;
		}

		public Builder requiredClaims(Collection<String> requiredClaims) {
			Objects.requireNonNull(requiredClaims, "requiredClaims");
			this.requiredClaims.clear();
			for (String claim : requiredClaims) {
				if (claim == null || claim.isBlank()) {
					throw new IllegalArgumentException("required claims must not contain blank names");
				}
				this.requiredClaims.add(claim);
			}
			return this;
		}

		/**
		 * Accept tokens that bear the marks of an OpenID Connect ID token, or whose
		 * {@code typ} declares another kind of JWT than an access token. Off by default:
		 * a resource server must refuse ID tokens (RFC 9068 §4, RFC 8725 §3.11). For a
		 * validator of ID tokens, or an API that deliberately authenticates callers by
		 * their ID token.
		 * @param idTokensAccepted whether to accept them
		 * @return this builder
		 */
		public Builder acceptIdTokens(boolean idTokensAccepted) {
			this.idTokensAccepted = idTokensAccepted;
			return this;
		}

		/**
		 * The application's own claim rules, applied in this order after the built-in
		 * rules have all passed, to a token whose signature verified.
		 * @param rules the rules; replaces any given before
		 * @return this builder
		 */
		public Builder rules(Collection<? extends ClaimRule> rules) {
			Objects.requireNonNull(rules, "rules");
			this.applicationRules.clear();
			for (ClaimRule rule : rules) {
				Objects.requireNonNull(rule, "rules must not contain null");
				Objects.requireNonNull(rule.getName(), "a rule's name must not be null");
				this.applicationRules.add(rule);
			}
			return this;
		}

		public ValidationPolicy build() {
			return new ValidationPolicy(this);
		}

	}

}
