package dev.identity.claims;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.identity.core.ValidatedToken;
import org.jspecify.annotations.Nullable;

/**
 * Scopes, roles, permissions, groups and feature flags of one validated token, read with
 * the claim names of a {@link ClaimsReader}.
 * <p>
 * Values are the token's own, without authority prefixes, compared case-sensitively, in
 * token order without duplicates. A missing claim, or one of an unexpected shape, reads
 * as empty: a single string counts as a one-element array, and elements that are not
 * strings are skipped.
 * <p>
 * Feature flags are read from plain JSON values ({@code {"dark_mode": true}}) and from
 * Kinde's typed objects ({@code {"dark_mode": {"t": "b", "v": true}}}). A flag the token
 * does not carry (or carries as {@code null}) takes the configured default, then the
 * default passed in. A flag of another type than the one asked for is a
 * {@link FeatureFlagTypeException}, never a silent fallback to the default.
 */
public final class TokenClaims {

	private final ValidatedToken token;

	private final ClaimNames claimNames;

	private final Map<String, String> featureFlagDefaults;

	private final Set<String> scopes;

	private final Set<String> roles;

	private final Set<String> permissions;

	private final Set<String> groups;

	TokenClaims(ValidatedToken token, ClaimNames claimNames, Map<String, String> featureFlagDefaults) {
		this.token = token;
		this.claimNames = claimNames;
		this.featureFlagDefaults = featureFlagDefaults;
		this.scopes = strings(token, claimNames.getScopes(), true);
		this.roles = strings(token, claimNames.getRoles(), false);
		this.permissions = strings(token, claimNames.getPermissions(), false);
		this.groups = strings(token, claimNames.getGroups(), false);
	}

	/** The token these claims come from. */
	public ValidatedToken getToken() {
		return this.token;
	}

	/**
	 * Scopes, space-separated strings split (RFC 6749 §3.3); empty when the token has
	 * none.
	 */
	public Set<String> scopes() {
		return this.scopes;
	}

	/** Roles; empty when the token has none. */
	public Set<String> roles() {
		return this.roles;
	}

	/** Permissions; empty when the token has none. */
	public Set<String> permissions() {
		return this.permissions;
	}

	/** Groups; empty when the token has none. */
	public Set<String> groups() {
		return this.groups;
	}

	/** Whether the token carries the scope. */
	public boolean hasScope(String scope) {
		return this.scopes.contains(scope);
	}

	/**
	 * Whether the token carries the role, as the provider names it (no {@code ROLE_}
	 * prefix).
	 */
	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

	/** Whether the token carries the permission. */
	public boolean hasPermission(String permission) {
		return this.permissions.contains(permission);
	}

	/** Whether the token carries the group. */
	public boolean hasGroup(String group) {
		return this.groups.contains(group);
	}

	/**
	 * A claim by path, as parsed from JSON.
	 * @param path a claim name or a dotted path, as described on {@link ClaimNames}
	 * @return the first value the path reaches, empty when none
	 */
	public Optional<Object> claim(String path) {
		Objects.requireNonNull(path, "path");
		List<Object> values = ClaimPaths.resolve(this.token.getClaims(), path);
		return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
	}

	/**
	 * The strings a path reaches, with the tolerance of {@link #roles()}.
	 * @param path a claim name or a dotted path, as described on {@link ClaimNames}
	 * @return the strings, empty when none
	 */
	public Set<String> claimValues(String path) {
		Objects.requireNonNull(path, "path");
		return strings(this.token, List.of(path), false);
	}

	/**
	 * A feature flag as the given type: {@link Boolean}, {@link String}, {@link Integer},
	 * {@link Long}, {@link Double} (any JSON number), {@link Map} (JSON object),
	 * {@link List} (JSON array) or {@link Object} (any). Integers must fit the type; no
	 * other conversion takes place.
	 * @param name the flag
	 * @param type the type of its value
	 * @return the token's value, else the configured default, else empty
	 * @throws FeatureFlagTypeException when the value is of another type
	 */
	public <T> Optional<T> featureFlag(String name, Class<T> type) {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
		Object value = flagValue(name);
		if (value != null) {
			T typed = FeatureFlagValues.fromToken(name, value, type);
			if (typed != null) {
				return Optional.of(typed);
			}
		}
		String configured = this.featureFlagDefaults.get(name);
		return (configured != null) ? Optional.of(FeatureFlagValues.fromDefault(name, configured, type))
				: Optional.empty();
	}

	/**
	 * A feature flag as the given type, as {@link #featureFlag(String, Class)}.
	 * @param name the flag
	 * @param type the type of its value
	 * @param defaultValue the value when neither the token nor the configuration has one
	 * @return the value
	 * @throws FeatureFlagTypeException when the value is of another type
	 */
	public <T> T featureFlag(String name, Class<T> type, T defaultValue) {
		Objects.requireNonNull(defaultValue, "defaultValue");
		return featureFlag(name, type).orElse(defaultValue);
	}

	/**
	 * Whether a boolean flag is on; off when neither the token nor the configuration has
	 * it.
	 * @throws FeatureFlagTypeException when the flag is not a boolean
	 */
	public boolean isFeatureEnabled(String name) {
		return getBooleanFlag(name, false);
	}

	/**
	 * A boolean flag.
	 * @throws FeatureFlagTypeException when the flag is not a boolean
	 */
	public boolean getBooleanFlag(String name, boolean defaultValue) {
		return featureFlag(name, Boolean.class, defaultValue);
	}

	/**
	 * A string flag.
	 * @throws FeatureFlagTypeException when the flag is not a string
	 */
	public String getStringFlag(String name, String defaultValue) {
		return featureFlag(name, String.class, defaultValue);
	}

	/**
	 * An integer flag.
	 * @throws FeatureFlagTypeException when the flag is not an integer that fits an
	 * {@code int}
	 */
	public int getIntegerFlag(String name, int defaultValue) {
		return featureFlag(name, Integer.class, defaultValue);
	}

	/**
	 * A JSON-object flag (Kinde type {@code j}); read-only when it comes from the token.
	 * @throws FeatureFlagTypeException when the flag is not a JSON object
	 */
	@SuppressWarnings("unchecked")
	public Map<String, Object> getJsonFlag(String name, Map<String, Object> defaultValue) {
		return featureFlag(name, Map.class, defaultValue);
	}

	private @Nullable Object flagValue(String name) {
		for (String path : this.claimNames.getFeatureFlags()) {
			for (Object flags : ClaimPaths.resolve(this.token.getClaims(), path)) {
				if (flags instanceof Map<?, ?> object && object.get(name) != null) {
					return object.get(name);
				}
			}
		}
		return null;
	}

	private static Set<String> strings(ValidatedToken token, List<String> paths, boolean split) {
		Set<String> values = new LinkedHashSet<>();
		for (String path : paths) {
			ClaimPaths.addStrings(token.getClaims(), path, split, values);
		}
		return Collections.unmodifiableSet(values);
	}

	@Override
	public String toString() {
		return "TokenClaims[sub=" + this.token.getSubject() + ", scopes=" + this.scopes + ", roles=" + this.roles
				+ ", permissions=" + this.permissions + ", groups=" + this.groups + "]";
	}

}
