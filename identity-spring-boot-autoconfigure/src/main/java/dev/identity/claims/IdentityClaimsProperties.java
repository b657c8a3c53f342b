package dev.identity.claims;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration of the claims read from validated tokens and of the authorities they grant.
 */
@ConfigurationProperties("identity.claims")
public class IdentityClaimsProperties {

	private static final String PREFIX = "identity.claims.";

	/**
	 * Provider whose claim names apply to every kind not overridden: generic, keycloak, auth0, okta,
	 * entra, kinde or cognito.
	 */
	private ClaimsPreset preset = ClaimsPreset.GENERIC;

	/**
	 * Client ID that replaces '{client-id}' in claim names, as in Keycloak's
	 * 'resource_access.{client-id}.roles'. Empty drops the claim names that need it.
	 */
	private @Nullable String clientId;

	private final Kind scopes = new Kind(IdentityAuthoritiesMapper.DEFAULT_SCOPE_PREFIX);

	private final Kind roles = new Kind(IdentityAuthoritiesMapper.DEFAULT_ROLE_PREFIX);

	private final Kind permissions = new Kind(IdentityAuthoritiesMapper.DEFAULT_PERMISSION_PREFIX);

	private final Kind groups = new Kind(IdentityAuthoritiesMapper.DEFAULT_GROUP_PREFIX);

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

	public Kind getScopes() {
		return this.scopes;
	}

	public Kind getRoles() {
		return this.roles;
	}

	public Kind getPermissions() {
		return this.permissions;
	}

	public Kind getGroups() {
		return this.groups;
	}

	public FeatureFlags getFeatureFlags() {
		return this.featureFlags;
	}

	/**
	 * The claim names: the preset's, with every configured kind replacing the preset's names of that
	 * kind.
	 * @return the claim names
	 * @throws InvalidConfigurationPropertyValueException when a claim name is blank
	 */
	public ClaimNames toClaimNames() {
		ClaimNames.Builder builder = ClaimNames.withPreset(this.preset)
			.clientId((this.clientId != null && !this.clientId.isBlank()) ? this.clientId.trim() : null);
		List<String> names = claimNames("scopes", this.scopes.claimNames);
		if (names != null) {
			builder.scopes(names);
		}
		names = claimNames("roles", this.roles.claimNames);
		if (names != null) {
			builder.roles(names);
		}
		names = claimNames("permissions", this.permissions.claimNames);
		if (names != null) {
			builder.permissions(names);
		}
		names = claimNames("groups", this.groups.claimNames);
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
	 * @throws InvalidConfigurationPropertyValueException when a claim name or a flag name is blank
	 */
	public ClaimsReader toClaimsReader() {
		for (String name : this.featureFlags.defaults.keySet()) {
			if (name.isBlank()) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "feature-flags.defaults", name,
						"Feature-flag names must not be blank.");
			}
		}
		return ClaimsReader.withClaimNames(toClaimNames()).featureFlagDefaults(this.featureFlags.defaults).build();
	}

	/**
	 * The authorities mapper these properties describe, on a reader built by {@link #toClaimsReader()}.
	 * @return the mapper
	 */
	public IdentityAuthoritiesMapper toAuthoritiesMapper() {
		return toAuthoritiesMapper(toClaimsReader());
	}

	/**
	 * The authorities mapper these properties describe.
	 * @param reader the reader of the claims, e.g. the application's {@link ClaimsReader} bean
	 * @return the mapper
	 */
	public IdentityAuthoritiesMapper toAuthoritiesMapper(ClaimsReader reader) {
		return IdentityAuthoritiesMapper.withClaimsReader(reader)
			.scopePrefix(this.scopes.authorityPrefix)
			.rolePrefix(this.roles.authorityPrefix)
			.permissionPrefix(this.permissions.authorityPrefix)
			.groupPrefix(this.groups.authorityPrefix)
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
	 * Where one kind of value is read and the authorities it grants.
	 */
	public static class Kind {

		/**
		 * Claim names or dotted paths of nested claims (e.g. 'realm_access.roles'), replacing the
		 * preset's. Empty reads no claim of this kind.
		 */
		private @Nullable List<String> claimNames;

		/**
		 * Prefix of the authority granted for each value: 'SCOPE_' for scopes, 'ROLE_' for roles,
		 * 'PERMISSION_' for permissions and 'GROUP_' for groups unless set. May be empty.
		 */
		private String authorityPrefix;

		Kind(String authorityPrefix) {
			this.authorityPrefix = authorityPrefix;
		}

		public @Nullable List<String> getClaimNames() {
			return this.claimNames;
		}

		public void setClaimNames(@Nullable List<String> claimNames) {
			this.claimNames = claimNames;
		}

		public String getAuthorityPrefix() {
			return this.authorityPrefix;
		}

		public void setAuthorityPrefix(@Nullable String authorityPrefix) {
			this.authorityPrefix = (authorityPrefix != null) ? authorityPrefix : "";
		}

	}

	/**
	 * Feature flags.
	 */
	public static class FeatureFlags {

		/**
		 * Claim names or dotted paths of JSON objects mapping flag names to values, replacing the
		 * preset's 'feature_flags'.
		 */
		private @Nullable List<String> claimNames;

		/**
		 * Values of flags a token does not carry, e.g. '[dark_mode]=true' (brackets keep '_' and case in
		 * the flag name). Read as JSON unless a string is asked for.
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
