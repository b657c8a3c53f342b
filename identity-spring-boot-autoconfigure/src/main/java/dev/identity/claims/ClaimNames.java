package dev.identity.claims;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Claim paths that hold each kind of value: scopes, roles, permissions, groups and
 * feature flags.
 * <p>
 * A path names a top-level claim or, with dots, a nested member
 * ({@code realm_access.roles}). A claim whose own name contains dots (Auth0's
 * {@code https://example.com/roles}) is found too: at each level the longest matching
 * member name wins. Where the path meets an array of objects, the rest of the path
 * applies to each object ({@code roles.key} reads the {@code key} of every role). Values
 * from every path of a kind are merged.
 * <p>
 * {@value #CLIENT_ID} in a path is replaced by the configured client ID; a path holding
 * it is dropped when no client ID is set.
 */
public final class ClaimNames {

	/**
	 * Placeholder for the client ID, as in Keycloak's
	 * {@code resource_access.{client-id}.roles}.
	 */
	public static final String CLIENT_ID = "{client-id}";

	private final List<String> scopes;

	private final List<String> roles;

	private final List<String> permissions;

	private final List<String> groups;

	private final List<String> featureFlags;

	private ClaimNames(Builder builder) {
		this.scopes = expand(builder.scopes, builder.clientId);
		this.roles = expand(builder.roles, builder.clientId);
		this.permissions = expand(builder.permissions, builder.clientId);
		this.groups = expand(builder.groups, builder.clientId);
		this.featureFlags = expand(builder.featureFlags, builder.clientId);
	}

	/**
	 * Start from a provider's claim names.
	 * @param preset the provider
	 * @return a builder whose every kind can be overridden
	 */
	public static Builder withPreset(ClaimsPreset preset) {
		Objects.requireNonNull(preset, "preset");
		return new Builder(preset);
	}

	/** Paths of the scopes; space-separated strings are split (RFC 6749 §3.3). */
	public List<String> getScopes() {
		return this.scopes;
	}

	/** Paths of the roles. */
	public List<String> getRoles() {
		return this.roles;
	}

	/** Paths of the permissions. */
	public List<String> getPermissions() {
		return this.permissions;
	}

	/** Paths of the groups. */
	public List<String> getGroups() {
		return this.groups;
	}

	/**
	 * Paths of JSON objects mapping feature-flag names to values; the first path holding
	 * a flag wins.
	 */
	public List<String> getFeatureFlags() {
		return this.featureFlags;
	}

	private static List<String> expand(List<String> paths, @Nullable String clientId) {
		List<String> expanded = new ArrayList<>(paths.size());
		for (String path : paths) {
			if (!path.contains(CLIENT_ID)) {
				expanded.add(path);
			}
			else if (clientId != null) {
				expanded.add(path.replace(CLIENT_ID, clientId));
			}
		}
		return List.copyOf(expanded);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof ClaimNames names) && this.scopes.equals(names.scopes) && this.roles.equals(names.roles)
				&& this.permissions.equals(names.permissions) && this.groups.equals(names.groups)
				&& this.featureFlags.equals(names.featureFlags);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.scopes, this.roles, this.permissions, this.groups, this.featureFlags);
	}

	@Override
	public String toString() {
		return "ClaimNames[scopes=" + this.scopes + ", roles=" + this.roles + ", permissions=" + this.permissions
				+ ", groups=" + this.groups + ", featureFlags=" + this.featureFlags + "]";
	}

	/**
	 * Builder for {@link ClaimNames}; each setter replaces the preset's paths of its
	 * kind, and an empty collection reads none.
	 */
	public static final class Builder {

		private List<String> scopes;

		private List<String> roles;

		private List<String> permissions;

		private List<String> groups;

		private List<String> featureFlags;

		private @Nullable String clientId;

		private Builder(ClaimsPreset preset) {
			this.scopes = preset.scopes();
			this.roles = preset.roles();
			this.permissions = preset.permissions();
			this.groups = preset.groups();
			this.featureFlags = preset.featureFlags();
		}

		/**
		 * Client ID that replaces {@value ClaimNames#CLIENT_ID} in paths.
		 * @param clientId the client ID, or {@code null} to drop the paths that need it
		 * @return this builder
		 */
		public Builder clientId(@Nullable String clientId) {
			if (clientId != null && clientId.isBlank()) {
				throw new IllegalArgumentException("client ID must not be blank");
			}
			this.clientId = clientId;
			return this;
		}

		public Builder scopes(Collection<String> paths) {
			this.scopes = paths(paths, "scope");
			return this;
		}

		public Builder roles(Collection<String> paths) {
			this.roles = paths(paths, "role");
			return this;
		}

		public Builder permissions(Collection<String> paths) {
			this.permissions = paths(paths, "permission");
			return this;
		}

		public Builder groups(Collection<String> paths) {
			this.groups = paths(paths, "group");
			return this;
		}

		public Builder featureFlags(Collection<String> paths) {
			this.featureFlags = paths(paths, "feature-flag");
			return this;
		}

		public ClaimNames build() {
			return new ClaimNames(this);
		}

		private static List<String> paths(Collection<String> paths, String kind) {
			Objects.requireNonNull(paths, kind + " paths");
			for (String path : paths) {
				if (path == null || path.isBlank()) {
					throw new IllegalArgumentException(kind + " paths must not contain blank names");
				}
			}
			return List.copyOf(paths);
		}

	}

}
