package dev.identity.claims;

import java.util.List;

/**
 * Where common providers put scopes, roles, permissions, groups and feature flags in
 * their access tokens. Every preset reads feature flags from {@code feature_flags}; a
 * category a provider does not send by default reads no claim until configured.
 *
 * @see ClaimNames#withPreset(ClaimsPreset)
 */
public enum ClaimsPreset {

	/**
	 * Conventional names: {@code scope} or {@code scp}, {@code roles},
	 * {@code permissions}, {@code groups}.
	 */
	GENERIC(List.of("scope", "scp"), List.of("roles"), List.of("permissions"), List.of("groups")),

	/**
	 * Keycloak: {@code scope}; realm roles from {@code realm_access.roles} and the
	 * client's roles from {@code resource_access.{client-id}.roles}; {@code groups} when
	 * the group mapper is on.
	 */
	KEYCLOAK(List.of("scope"), List.of("realm_access.roles", "resource_access." + ClaimNames.CLIENT_ID + ".roles"),
			List.of(), List.of("groups")),

	/**
	 * Auth0: {@code scope} and {@code permissions} (RBAC with "Add Permissions in the
	 * Access Token"). Auth0 only sends roles in a namespaced claim an Action adds, e.g.
	 * {@code https://example.com/roles}: set it as
	 * {@code identity.claims.roles.claim-names} (or {@link ClaimNames.Builder#roles}).
	 */
	AUTH0(List.of("scope"), List.of(), List.of("permissions"), List.of()),

	/**
	 * Okta: {@code scp} and {@code groups} (a groups claim added to the authorization
	 * server).
	 */
	OKTA(List.of("scp"), List.of(), List.of(), List.of("groups")),

	/**
	 * Microsoft Entra ID: {@code scp} (delegated), {@code roles} (app roles),
	 * {@code groups} (object IDs).
	 */
	ENTRA(List.of("scp"), List.of("roles"), List.of(), List.of("groups")),

	/**
	 * Kinde: {@code scp}, {@code permissions}, the {@code key} of each object in
	 * {@code roles}, and feature flags in Kinde's typed form.
	 */
	KINDE(List.of("scp"), List.of("roles.key"), List.of("permissions"), List.of()),

	/**
	 * Amazon Cognito: {@code scope} and {@code cognito:groups}.
	 */
	COGNITO(List.of("scope"), List.of(), List.of(), List.of("cognito:groups"));

	private static final List<String> FEATURE_FLAGS = List.of("feature_flags");

	private final List<String> scopes;

	private final List<String> roles;

	private final List<String> permissions;

	private final List<String> groups;

	ClaimsPreset(List<String> scopes, List<String> roles, List<String> permissions, List<String> groups) {
		this.scopes = scopes;
		this.roles = roles;
		this.permissions = permissions;
		this.groups = groups;
	}

	List<String> scopes() {
		return this.scopes;
	}

	List<String> roles() {
		return this.roles;
	}

	List<String> permissions() {
		return this.permissions;
	}

	List<String> groups() {
		return this.groups;
	}

	List<String> featureFlags() {
		return FEATURE_FLAGS;
	}

}
