package dev.identity.claims;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Claim names from presets, overrides and the client-ID placeholder.
 */
class ClaimNamesTests {

	@Test
	void withPresetWhenGenericThenConventionalNames() {
		ClaimNames names = ClaimNames.withPreset(ClaimsPreset.GENERIC).build();
		assertThat(names.getScopes()).containsExactly("scope", "scp");
		assertThat(names.getRoles()).containsExactly("roles");
		assertThat(names.getPermissions()).containsExactly("permissions");
		assertThat(names.getGroups()).containsExactly("groups");
		assertThat(names.getFeatureFlags()).containsExactly("feature_flags");
	}

	@Test
	void withPresetWhenKeycloakAndClientIdThenClientRolePathExpanded() {
		ClaimNames names = ClaimNames.withPreset(ClaimsPreset.KEYCLOAK).clientId("orders-web").build();
		assertThat(names.getRoles()).containsExactly("realm_access.roles", "resource_access.orders-web.roles");
	}

	@Test
	void withPresetWhenKeycloakWithoutClientIdThenClientRolePathDropped() {
		ClaimNames names = ClaimNames.withPreset(ClaimsPreset.KEYCLOAK).build();
		assertThat(names.getRoles()).containsExactly("realm_access.roles");
	}

	@Test
	void rolesWhenOverriddenThenPresetNamesReplacedAndOtherKindsKept() {
		ClaimNames names = ClaimNames.withPreset(ClaimsPreset.AUTH0)
			.roles(List.of("https://example.com/roles"))
			.build();
		assertThat(names.getRoles()).containsExactly("https://example.com/roles");
		assertThat(names.getPermissions()).containsExactly("permissions");
	}

	@Test
	void overrideWhenEmptyThenKindReadsNoClaim() {
		ClaimNames names = ClaimNames.withPreset(ClaimsPreset.GENERIC).groups(List.of()).build();
		assertThat(names.getGroups()).isEmpty();
	}

	@Test
	void overrideWhenHoldsPlaceholderThenExpandedToo() {
		ClaimNames names = ClaimNames.withPreset(ClaimsPreset.GENERIC)
			.clientId("orders")
			.permissions(List.of("apps.{client-id}.permissions"))
			.build();
		assertThat(names.getPermissions()).containsExactly("apps.orders.permissions");
	}

	@Test
	void overrideWhenBlankNameThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClaimNames.withPreset(ClaimsPreset.GENERIC).scopes(List.of("scope", " ")))
			.withMessageContaining("scope paths");
	}

	@Test
	void clientIdWhenBlankThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClaimNames.withPreset(ClaimsPreset.KEYCLOAK).clientId(" "));
	}

	@Test
	void equalsWhenSameNamesThenEqual() {
		assertThat(ClaimNames.withPreset(ClaimsPreset.ENTRA).build())
			.isEqualTo(ClaimNames.withPreset(ClaimsPreset.ENTRA).build())
			.hasSameHashCodeAs(ClaimNames.withPreset(ClaimsPreset.ENTRA).build())
			.isNotEqualTo(ClaimNames.withPreset(ClaimsPreset.OKTA).build());
	}

}
