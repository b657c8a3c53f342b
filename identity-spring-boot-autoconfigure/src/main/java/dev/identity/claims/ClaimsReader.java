package dev.identity.claims;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.identity.core.ValidatedToken;

/**
 * Reads scopes, roles, permissions, groups and feature flags from validated tokens.
 * Immutable and thread-safe: one instance serves the whole application.
 * <p>
 * It takes only a {@link ValidatedToken}, so it never reads a token whose signature and
 * claims were not verified.
 */
public final class ClaimsReader {

	private final ClaimNames claimNames;

	private final Map<String, ClaimNames> issuerClaimNames;

	private final Map<String, String> featureFlagDefaults;

	private ClaimsReader(Builder builder) {
		this.claimNames = builder.claimNames;
		this.issuerClaimNames = Map.copyOf(builder.issuerClaimNames);
		this.featureFlagDefaults = Map.copyOf(builder.featureFlagDefaults);
	}

	/**
	 * Start from the claim names to read.
	 * @param claimNames the claim names
	 * @return a builder
	 */
	public static Builder withClaimNames(ClaimNames claimNames) {
		Objects.requireNonNull(claimNames, "claimNames");
		return new Builder(claimNames);
	}

	/**
	 * A reader of a provider's claims, without feature-flag defaults or client ID.
	 * @param preset the provider
	 * @return the reader
	 */
	public static ClaimsReader of(ClaimsPreset preset) {
		return withClaimNames(ClaimNames.withPreset(preset).build()).build();
	}

	/**
	 * The claims of a validated token.
	 * @param token the validated token
	 * @return its scopes, roles, permissions, groups and feature flags
	 */
	public TokenClaims read(ValidatedToken token) {
		Objects.requireNonNull(token, "token");
		return new TokenClaims(token, claimNames(token), this.featureFlagDefaults);
	}

	/**
	 * The claim names of a token's issuer: its own when configured, else the reader's.
	 * The token is validated, so its {@code iss} is one the application trusts.
	 */
	private ClaimNames claimNames(ValidatedToken token) {
		if (this.issuerClaimNames.isEmpty()) {
			return this.claimNames;
		}
		Object issuer = token.getClaim("iss");
		ClaimNames own = (issuer instanceof String name) ? this.issuerClaimNames.get(name) : null;
		return (own != null) ? own : this.claimNames;
	}

	/** Claim names this reader reads, for issuers without names of their own. */
	public ClaimNames getClaimNames() {
		return this.claimNames;
	}

	/** Values of flags a token does not carry, as configured text. */
	public Map<String, String> getFeatureFlagDefaults() {
		return this.featureFlagDefaults;
	}

	@Override
	public String toString() {
		return "ClaimsReader[" + this.claimNames + ", featureFlagDefaults=" + this.featureFlagDefaults.keySet() + "]";
	}

	/**
	 * Builder for {@link ClaimsReader}.
	 */
	public static final class Builder {

		private final ClaimNames claimNames;

		private final Map<String, String> featureFlagDefaults = new LinkedHashMap<>();

		private final Map<String, ClaimNames> issuerClaimNames = new LinkedHashMap<>();

		private Builder(ClaimNames claimNames) {
			this.claimNames = claimNames;
		}

		/**
		 * Values of flags a token does not carry, read as the type the application asks
		 * for: the text itself for strings, JSON otherwise ({@code true}, {@code 42},
		 * {@code {"theme": "dark"}}).
		 * @param defaults flag names to default values; replaces any set before
		 * @return this builder
		 */
		public Builder featureFlagDefaults(Map<String, String> defaults) {
			Objects.requireNonNull(defaults, "defaults");
			this.featureFlagDefaults.clear();
			defaults.forEach((name, value) -> {
				if (name == null || name.isBlank()) {
					throw new IllegalArgumentException("feature-flag defaults must not have blank names");
				}
				if (value == null) {
					throw new IllegalArgumentException("default of feature flag '" + name + "' must not be null");
				}
				this.featureFlagDefaults.put(name, value);
			});
			return this;
		}

		/**
		 * Claim names for the tokens of one issuer, when several issuers put roles and
		 * permissions in different claims.
		 * @param issuer the issuer identifier, as the tokens' {@code iss}
		 * @param claimNames the claim names of its tokens
		 * @return this builder
		 */
		public Builder issuerClaimNames(String issuer, ClaimNames claimNames) {
			Objects.requireNonNull(issuer, "issuer");
			Objects.requireNonNull(claimNames, "claimNames");
			this.issuerClaimNames.put(issuer, claimNames);
			return this;
		}

		public ClaimsReader build() {
			return new ClaimsReader(this);
		}

	}

}
