package dev.identity.claims;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;

import static dev.identity.claims.ClaimsTestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Scopes, roles, permissions and groups read from validated tokens, as providers really
 * send them.
 */
class TokenClaimsTests {

	private static final Map<String, Object> KEYCLOAK_CLAIMS = Map.of("scope", "openid orders:read", "realm_access",
			Map.of("roles", List.of("offline_access", "admin")), "resource_access", Map.of("orders-web",
					Map.of("roles", List.of("order-manager")), "account", Map.of("roles", List.of("manage-account"))),
			"groups", List.of("/staff"));

	@Test
	void rolesWhenKeycloakPresetThenRealmAndClientRoles() {
		ClaimsReader reader = ClaimsReader
			.withClaimNames(ClaimNames.withPreset(ClaimsPreset.KEYCLOAK).clientId("orders-web").build())
			.build();
		TokenClaims claims = reader.read(token(KEYCLOAK_CLAIMS));
		assertThat(claims.roles()).containsExactly("offline_access", "admin", "order-manager");
		assertThat(claims.scopes()).containsExactly("openid", "orders:read");
		assertThat(claims.groups()).containsExactly("/staff");
		assertThat(claims.permissions()).isEmpty();
	}

	@Test
	void rolesWhenKeycloakPresetWithoutClientIdThenRealmRolesOnly() {
		assertThat(ClaimsReader.of(ClaimsPreset.KEYCLOAK).read(token(KEYCLOAK_CLAIMS)).roles())
			.containsExactly("offline_access", "admin");
	}

	@Test
	void rolesWhenClientIdHoldsDotsThenClientRolesFound() {
		ValidatedToken token = token(
				Map.of("resource_access", Map.of("orders.web", Map.of("roles", List.of("order-manager")))));
		ClaimsReader reader = ClaimsReader
			.withClaimNames(ClaimNames.withPreset(ClaimsPreset.KEYCLOAK).clientId("orders.web").build())
			.build();
		assertThat(reader.read(token).roles()).containsExactly("order-manager");
	}

	@Test
	void rolesWhenAuth0PresetThenOnlyConfiguredNamespacedClaim() {
		ValidatedToken token = token(
				Map.of("scope", "read:orders", "permissions", List.of("read:orders", "write:orders"), "roles",
						List.of("not-read"), "https://example.com/roles", List.of("admin")));
		TokenClaims preset = ClaimsReader.of(ClaimsPreset.AUTH0).read(token);
		assertThat(preset.roles()).isEmpty();
		assertThat(preset.permissions()).containsExactly("read:orders", "write:orders");
		assertThat(preset.scopes()).containsExactly("read:orders");
		ClaimsReader configured = ClaimsReader
			.withClaimNames(
					ClaimNames.withPreset(ClaimsPreset.AUTH0).roles(List.of("https://example.com/roles")).build())
			.build();
		assertThat(configured.read(token).roles()).containsExactly("admin");
	}

	@Test
	void claimWhenNameHoldsDotsAndNestedReadingExistsThenLiteralNameWins() {
		ValidatedToken token = token(Map.of("a.b", "literal", "a", Map.of("b", "nested")));
		assertThat(ClaimsReader.of(ClaimsPreset.GENERIC).read(token).claim("a.b")).contains("literal");
	}

	@Test
	void scopesAndGroupsWhenOktaPresetThenScpArrayAndGroupsUnsplit() {
		ValidatedToken token = token(
				Map.of("scp", List.of("openid", "orders:read"), "groups", List.of("Everyone", "Order Admins")));
		TokenClaims claims = ClaimsReader.of(ClaimsPreset.OKTA).read(token);
		assertThat(claims.scopes()).containsExactly("openid", "orders:read");
		assertThat(claims.groups()).containsExactly("Everyone", "Order Admins");
		assertThat(claims.roles()).isEmpty();
	}

	@Test
	void claimsWhenEntraPresetThenScpStringRolesAndGroups() {
		ValidatedToken token = token(Map.of("scp", "User.Read Orders.Read", "roles", List.of("Orders.Admin"), "groups",
				List.of("0b9c4f3e-7d4b-4c2a-9d51-3b1f6f7c2a10")));
		TokenClaims claims = ClaimsReader.of(ClaimsPreset.ENTRA).read(token);
		assertThat(claims.scopes()).containsExactly("User.Read", "Orders.Read");
		assertThat(claims.roles()).containsExactly("Orders.Admin");
		assertThat(claims.groups()).containsExactly("0b9c4f3e-7d4b-4c2a-9d51-3b1f6f7c2a10");
	}

	@Test
	void rolesWhenKindePresetThenKeyOfEachRoleObject() {
		ValidatedToken token = token(Map.of("scp", List.of("openid", "profile"), "permissions", List.of("read:orders"),
				"roles", List.of(Map.of("id", "01H", "key", "admin", "name", "Admin"),
						Map.of("id", "01J", "key", "viewer", "name", "Viewer"))));
		TokenClaims claims = ClaimsReader.of(ClaimsPreset.KINDE).read(token);
		assertThat(claims.roles()).containsExactly("admin", "viewer");
		assertThat(claims.permissions()).containsExactly("read:orders");
		assertThat(claims.scopes()).containsExactly("openid", "profile");
	}

	@Test
	void groupsWhenCognitoPresetThenCognitoGroups() {
		ValidatedToken token = token(Map.of("scope", "aws.cognito.signin.user.admin orders/read", "cognito:groups",
				List.of("admins"), "groups", List.of("not-read")));
		TokenClaims claims = ClaimsReader.of(ClaimsPreset.COGNITO).read(token);
		assertThat(claims.groups()).containsExactly("admins");
		assertThat(claims.scopes()).containsExactly("aws.cognito.signin.user.admin", "orders/read");
	}

	@Test
	void scopesWhenGenericPresetAndScopeAndScpThenMerged() {
		ValidatedToken token = token(Map.of("scope", "a b", "scp", List.of("b", "c")));
		assertThat(ClaimsReader.of(ClaimsPreset.GENERIC).read(token).scopes()).containsExactly("a", "b", "c");
	}

	@Test
	void scopesWhenExtraSpacesThenNoEmptyScope() {
		ValidatedToken token = token(Map.of("scope", "  a   b "));
		assertThat(ClaimsReader.of(ClaimsPreset.GENERIC).read(token).scopes()).containsExactly("a", "b");
	}

	@Test
	void rolesWhenSingleStringThenOneRoleUnsplit() {
		ValidatedToken token = token(Map.of("roles", "Global Admin"));
		TokenClaims claims = ClaimsReader.of(ClaimsPreset.GENERIC).read(token);
		assertThat(claims.roles()).containsExactly("Global Admin");
		assertThat(claims.hasRole("Global Admin")).isTrue();
		assertThat(claims.hasRole("Global")).isFalse();
	}

	@Test
	void rolesWhenDuplicatedAcrossAndWithinClaimsThenOnce() {
		ValidatedToken token = token(Map.of("realm_access", Map.of("roles", List.of("admin", "admin", "user")),
				"resource_access", Map.of("orders-web", Map.of("roles", List.of("user", "admin")))));
		ClaimsReader reader = ClaimsReader
			.withClaimNames(ClaimNames.withPreset(ClaimsPreset.KEYCLOAK).clientId("orders-web").build())
			.build();
		assertThat(reader.read(token).roles()).containsExactly("admin", "user");
	}

	@Test
	void rolesWhenArrayHoldsNonStringsBlanksAndNullsThenSkipped() {
		ValidatedToken token = token(Map.of("roles",
				Arrays.asList("admin", 7, true, "", " ", null, List.of("nested"), Map.of("key", "object"), "user")));
		assertThat(ClaimsReader.of(ClaimsPreset.GENERIC).read(token).roles()).containsExactly("admin", "user");
	}

	@Test
	void readWhenClaimsMissingThenEveryKindEmpty() {
		TokenClaims claims = ClaimsReader.of(ClaimsPreset.GENERIC).read(token());
		assertThat(claims.scopes()).isEmpty();
		assertThat(claims.roles()).isEmpty();
		assertThat(claims.permissions()).isEmpty();
		assertThat(claims.groups()).isEmpty();
		assertThat(claims.hasScope("openid")).isFalse();
		assertThat(claims.hasPermission("read")).isFalse();
		assertThat(claims.hasGroup("staff")).isFalse();
		assertThat(claims.claim("realm_access.roles")).isEmpty();
		assertThat(claims.claimValues("realm_access.roles")).isEmpty();
	}

	@Test
	void rolesWhenNestedPathBrokenThenEmpty() {
		ClaimsReader reader = ClaimsReader
			.withClaimNames(ClaimNames.withPreset(ClaimsPreset.KEYCLOAK).clientId("orders-web").build())
			.build();
		Map<String, Object> claims = new HashMap<>();
		claims.put("realm_access", "not-an-object");
		claims.put("resource_access", null);
		assertThat(reader.read(token(claims)).roles()).isEmpty();
		assertThat(reader.read(token(Map.of("realm_access", Map.of("other", List.of("x"))))).roles()).isEmpty();
		assertThat(reader.read(token(Map.of("realm_access", List.of("admin")))).roles()).isEmpty();
	}

	@Test
	void rolesWhenKindeRolesAreStringsThenRolesKeyReadsNothing() {
		// "roles.key" needs objects; plain strings under "roles" are not keys.
		ValidatedToken token = token(Map.of("roles", List.of("admin")));
		assertThat(ClaimsReader.of(ClaimsPreset.KINDE).read(token).roles()).isEmpty();
	}

	@Test
	void hasChecksWhenValuesPresentThenCaseSensitive() {
		ValidatedToken token = token(Map.of("scope", "orders:read", "roles", List.of("admin"), "permissions",
				List.of("write:orders"), "groups", List.of("staff")));
		TokenClaims claims = ClaimsReader.of(ClaimsPreset.GENERIC).read(token);
		assertThat(claims.hasScope("orders:read")).isTrue();
		assertThat(claims.hasRole("admin")).isTrue();
		assertThat(claims.hasRole("ADMIN")).isFalse();
		assertThat(claims.hasRole("ROLE_admin")).isFalse();
		assertThat(claims.hasPermission("write:orders")).isTrue();
		assertThat(claims.hasGroup("staff")).isTrue();
	}

	@Test
	void claimValuesWhenPathCrossesArrayOfObjectsThenEveryMember() {
		ValidatedToken token = token(Map.of("authorization",
				Map.of("permissions", List.of(Map.of("rsname", "orders"), Map.of("rsname", "invoices")))));
		TokenClaims claims = ClaimsReader.of(ClaimsPreset.GENERIC).read(token);
		assertThat(claims.claimValues("authorization.permissions.rsname")).containsExactly("orders", "invoices");
		assertThat(claims.claim("authorization.permissions.rsname")).contains("orders");
	}

	@Test
	void valuesWhenReadThenUnmodifiable() {
		TokenClaims claims = ClaimsReader.of(ClaimsPreset.GENERIC).read(token(Map.of("roles", List.of("admin"))));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> claims.roles().add("root"));
		assertThat(claims.getToken().getSubject()).isEqualTo("alice");
	}

}
