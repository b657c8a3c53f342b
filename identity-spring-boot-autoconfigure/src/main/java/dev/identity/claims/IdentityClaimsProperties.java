package dev.identity.claims;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration of the claims read from validated tokens and of the authorities they
 * grant.
 */
@ConfigurationProperties("identity.claims")
public class IdentityClaimsProperties {

	private static final String PREFIX = "identity.claims.";

	/**
	 * Provider whose claim names apply to every kind not overridden: generic, keycloak,
	 * auth0, okta, entra, kinde or cognito.
	 */
	private ClaimsPreset preset = ClaimsPreset.GENERIC;

	/**
	 * Client ID that replaces '{client-id}' in claim names, as in Keycloak's
	 * 'resource_access.{client-id}.roles'. Empty drops the claim names that need it.
	 */
	private @Nullable String clientId;

	private final Scopes scopes = new Scopes();

	private final Roles roles = new Roles();

	private final Permissions permissions = new Permissions();

	private final Groups groups = new Groups();

	private final FeatureFlags featureFlags = new FeatureFlags();

	public ClaimsPreset getPreset() {
		return this.preset;
	}

	public void setPreset(ClaimsPreset preset) {
		this.preset = preset;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public Scopes getScopes() {
		return this.scopes;
	}

	public Roles getRoles() {
		return this.roles;
	}

	public Permissions getPermissions() {
		return this.permissions;
	}

	public Groups getGroups() {
		return this.groups;
	}

	public FeatureFlags getFeatureFlags() {
		return this.featureFlags;
	}

	/**
	 * The claim names: the preset's, with every configured kind replacing the preset's
	 * names of that kind.
	 * @return the claim names
	 * @throws InvalidConfigurationPropertyValueException when a claim name is blank
	 */
	public ClaimNames toClaimNames() {
		return toClaimNames(this.preset);
	}

	/**
	 * The claim names of another preset, with every configured kind replacing the
	 * preset's names of that kind: for an issuer with a preset of its own.
	 * @param preset the preset
	 * @return the claim names
	 * @throws InvalidConfigurationPropertyValueException when a claim name is blank
	 */
	public ClaimNames toClaimNames(ClaimsPreset preset) {
		ClaimNames.Builder builder = ClaimNames.withPreset(preset)
			.clientId((this.clientId != null && !this.clientId.isBlank()) ? this.clientId.trim() : null);
		List<String> names = claimNames("scopes", this.scopes.getClaimNames());
		if (names != null) {
			builder.scopes(names);
		}
		names = claimNames("roles", this.roles.getClaimNames());
		if (names != null) {
			builder.roles(names);
		}
		names = claimNames("permissions", this.permissions.getClaimNames());
		if (names != null) {
			builder.permissions(names);
		}
		names = claimNames("groups", this.groups.getClaimNames());
		if (names != null) {
			builder.groups(names);
		}
		names = claimNames("feature-flags", this.featureFlags.claimNames);
		if (names != null) {
			builder.featureFlags(names);
		}
		return builder.build();
	}

	/**
	 * The claims reader these properties describe.
	 * @return the reader
	 * @throws InvalidConfigurationPropertyValueException when a claim name or a flag name
	 * is blank
	 */
	public ClaimsReader toClaimsReader() {
		return toClaimsReader(Map.of());
	}

	/**
	 * The claims reader these properties describe, with issuers whose tokens use another
	 * preset.
	 * @param issuerPresets presets by issuer identifier (the tokens' {@code iss})
	 * @return the reader
	 * @throws InvalidConfigurationPropertyValueException when a claim name or a flag name
	 * is blank
	 */
	public ClaimsReader toClaimsReader(Map<String, ClaimsPreset> issuerPresets) {
		for (String name : this.featureFlags.defaults.keySet()) {
			if (name.isBlank()) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "feature-flags.defaults", name,
						"Feature-flag names must not be blank.");
			}
		}
		ClaimsReader.Builder reader = ClaimsReader.withClaimNames(toClaimNames())
			.featureFlagDefaults(this.featureFlags.defaults);
		issuerPresets.forEach((issuer, preset) -> reader.issuerClaimNames(issuer, toClaimNames(preset)));
		return reader.build();
	}

	/**
	 * The authorities mapper these properties describe, on a reader built by
	 * {@link #toClaimsReader()}.
	 * @return the mapper
	 */
	public IdentityAuthoritiesMapper toAuthoritiesMapper() {
		return toAuthoritiesMapper(toClaimsReader());
	}

	/**
	 * The authorities mapper these properties describe.
	 * @param reader the reader of the claims, e.g. the application's {@link ClaimsReader}
	 * bean
	 * @return the mapper
	 */
	public IdentityAuthoritiesMapper toAuthoritiesMapper(ClaimsReader reader) {
		return IdentityAuthoritiesMapper.withClaimsReader(reader)
			.scopePrefix(this.scopes.getAuthorityPrefix())
			.rolePrefix(this.roles.getAuthorityPrefix())
			.permissionPrefix(this.permissions.getAuthorityPrefix())
			.groupPrefix(this.groups.getAuthorityPrefix())
			.build();
	}

	private static @Nullable List<String> claimNames(String kind, @Nullable List<String> names) {
		if (names == null) {
			return null;
		}
		for (String name : names) {
			if (name == null || name.isBlank()) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + kind + ".claim-names", names,
						"Claim names must not be blank; an empty list reads no claim.");
			}
		}
		return names;
	}

	/**
	 * Where one kind of value is read.
	 */
	public abstract static class Kind {

		/**
		 * Claim names or dotted paths of nested claims (e.g. 'realm_access.roles'),
		 * replacing the preset's. Empty reads no claim of this kind.
		 */
		private @Nullable List<String> claimNames;

		public @Nullable List<String> getClaimNames() {
			return this.claimNames;
		}

		public void setClaimNames(@Nullable List<String> claimNames) {
			this.claimNames = claimNames;
		}

		/**
		 * Prefix of the authority granted for each value.
		 * @return the prefix, possibly empty
		 */
		public abstract String getAuthorityPrefix();

	}

	/**
	 * Scopes and their authorities.
	 */
	public static class Scopes extends Kind {

		/**
		 * Prefix of the authority granted for each scope, as in Spring Security's
		 * 'SCOPE_orders:read'. May be empty.
		 */
		private String authorityPrefix = "SCOPE_";

		@Override
		public String getAuthorityPrefix() {
			return this.authorityPrefix;
		}

		public void setAuthorityPrefix(String authorityPrefix) {
			this.authorityPrefix = authorityPrefix;
		}

	}

	/**
	 * Roles and their authorities.
	 */
	public static class Roles extends Kind {

		/**
		 * Prefix of the authority granted for each role, the prefix 'hasRole' expects.
		 * May be empty.
		 */
		private String authorityPrefix = "ROLE_";

		@Override
		public String getAuthorityPrefix() {
			return this.authorityPrefix;
		}

		public void setAuthorityPrefix(String authorityPrefix) {
			this.authorityPrefix = authorityPrefix;
		}

	}

	/**
	 * Permissions and their authorities.
	 */
	public static class Permissions extends Kind {

		/**
		 * Prefix of the authority granted for each permission, distinct so that no
		 * permission passes for a role or a scope. May be empty.
		 */
		private String authorityPrefix = "PERMISSION_";

		@Override
		public String getAuthorityPrefix() {
			return this.authorityPrefix;
		}

		public void setAuthorityPrefix(String authorityPrefix) {
			this.authorityPrefix = authorityPrefix;
		}

	}

	/**
	 * Groups and their authorities.
	 */
	public static class Groups extends Kind {

		/**
		 * Prefix of the authority granted for each group. May be empty.
		 */
		private String authorityPrefix = "GROUP_";

		@Override
		public String getAuthorityPrefix() {
			return this.authorityPrefix;
		}

		public void setAuthorityPrefix(String authorityPrefix) {
			this.authorityPrefix = authorityPrefix;
		}

	}

	/**
	 * Feature flags.
	 */
	public static class FeatureFlags {

		/**
		 * Claim names or dotted paths of JSON objects mapping flag names to values,
		 * replacing the preset's 'feature_flags'.
		 */
		private @Nullable List<String> claimNames;

		/**
		 * Values of flags a token does not carry, e.g. '[dark_mode]=true' (brackets keep
		 * '_' and case in the flag name). Read as JSON unless a string is asked for.
		 */
		private Map<String, String> defaults = new LinkedHashMap<>();

		public @Nullable List<String> getClaimNames() {
			return this.claimNames;
		}

		public void setClaimNames(@Nullable List<String> claimNames) {
			this.claimNames = claimNames;
		}

		public Map<String, String> getDefaults() {
			return this.defaults;
		}

		public void setDefaults(Map<String, String> defaults) {
			this.defaults = defaults;
		}

	}

}
