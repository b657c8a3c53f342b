package dev.identity.claims;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static dev.identity.claims.ClaimsTestTokens.names;
import static dev.identity.claims.ClaimsTestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Spring Security authorities of validated tokens.
 */
class IdentityAuthoritiesMapperTests {

	private static final ValidatedToken TOKEN = token(Map.of("scope", "orders:read openid", "roles", List.of("admin"),
			"permissions", List.of("write:orders"), "groups", List.of("staff")));

	private static final ClaimsReader READER = ClaimsReader.of(ClaimsPreset.GENERIC);

	@Test
	void convertWhenDefaultPrefixesThenSpringSecurityConventions() {
		Collection<GrantedAuthority> authorities = IdentityAuthoritiesMapper.withClaimsReader(READER)
			.build()
			.convert(TOKEN);
		assertThat(names(authorities)).containsExactly("SCOPE_orders:read", "SCOPE_openid", "ROLE_admin",
				"PERMISSION_write:orders", "GROUP_staff");
		assertThat(authorities)
			.allSatisfy((authority) -> assertThat(authority).isInstanceOf(SimpleGrantedAuthority.class));
	}

	@Test
	void convertWhenPrefixesConfiguredThenUsed() {
		Collection<GrantedAuthority> authorities = IdentityAuthoritiesMapper.withClaimsReader(READER)
			.scopePrefix("SCP_")
			.rolePrefix("R_")
			.permissionPrefix("")
			.groupPrefix("G:")
			.build()
			.convert(TOKEN);
		assertThat(names(authorities)).containsExactly("SCP_orders:read", "SCP_openid", "R_admin", "write:orders",
				"G:staff");
	}

	@Test
	void convertWhenKindsShareAuthorityThenOnceInFirstPosition() {
		ValidatedToken token = token(Map.of("roles", List.of("admin", "admin"), "groups", List.of("admin", "staff")));
		Collection<GrantedAuthority> authorities = IdentityAuthoritiesMapper.withClaimsReader(READER)
			.groupPrefix("ROLE_")
			.build()
			.convert(token);
		assertThat(names(authorities)).containsExactly("ROLE_admin", "ROLE_staff");
		assertThat(authorities).hasSize(2);
	}

	@Test
	void convertWhenKeycloakPresetThenRealmAndClientRolesAsRoles() {
		ClaimsReader reader = ClaimsReader
			.withClaimNames(ClaimNames.withPreset(ClaimsPreset.KEYCLOAK).clientId("orders-web").build())
			.build();
		ValidatedToken token = token(Map.of("realm_access", Map.of("roles", List.of("user")), "resource_access",
				Map.of("orders-web", Map.of("roles", List.of("order-manager")))));
		assertThat(names(IdentityAuthoritiesMapper.withClaimsReader(reader).build().convert(token)))
			.containsExactly("ROLE_user", "ROLE_order-manager");
	}

	@Test
	void convertWhenTokenCarriesNothingThenEmpty() {
		assertThat(IdentityAuthoritiesMapper.withClaimsReader(READER).build().convert(token())).isEmpty();
	}

	@Test
	void convertWhenDoneThenReadOnly() {
		Collection<GrantedAuthority> authorities = IdentityAuthoritiesMapper.withClaimsReader(READER)
			.build()
			.convert(TOKEN);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> authorities.add(new SimpleGrantedAuthority("ROLE_root")));
	}

	@Test
	void prefixWhenNullThenRejected() {
		assertThatNullPointerException()
			.isThrownBy(() -> IdentityAuthoritiesMapper.withClaimsReader(READER).rolePrefix(null));
	}

}
