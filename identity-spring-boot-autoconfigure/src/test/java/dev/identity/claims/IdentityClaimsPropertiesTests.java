package dev.identity.claims;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static dev.identity.claims.ClaimsTestTokens.names;
import static dev.identity.claims.ClaimsTestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code identity.claims.*} as Spring Boot binds it, and the reader and mapper built from
 * it.
 */
class IdentityClaimsPropertiesTests {

	private static IdentityClaimsProperties bind(Map<String, String> properties) {
		IdentityClaimsProperties bound = new IdentityClaimsProperties();
		new Binder(new MapConfigurationPropertySource(properties)).bind("identity.claims", Bindable.ofInstance(bound));
		return bound;
	}

	@Test
	void defaultsWhenNothingSetThenGenericPresetAndSpringSecurityPrefixes() {
		IdentityClaimsProperties properties = bind(Map.of());
		assertThat(properties.getPreset()).isEqualTo(ClaimsPreset.GENERIC);
		assertThat(properties.toClaimNames()).isEqualTo(ClaimNames.withPreset(ClaimsPreset.GENERIC).build());
		assertThat(properties.getScopes().getAuthorityPrefix()).isEqualTo("SCOPE_")
			.isEqualTo(IdentityAuthoritiesMapper.DEFAULT_SCOPE_PREFIX);
		assertThat(properties.getRoles().getAuthorityPrefix()).isEqualTo("ROLE_")
			.isEqualTo(IdentityAuthoritiesMapper.DEFAULT_ROLE_PREFIX);
		assertThat(properties.getPermissions().getAuthorityPrefix()).isEqualTo("PERMISSION_")
			.isEqualTo(IdentityAuthoritiesMapper.DEFAULT_PERMISSION_PREFIX);
		assertThat(properties.getGroups().getAuthorityPrefix()).isEqualTo("GROUP_")
			.isEqualTo(IdentityAuthoritiesMapper.DEFAULT_GROUP_PREFIX);
		assertThat(properties.toClaimsReader().getFeatureFlagDefaults()).isEmpty();
	}

	@Test
	void toClaimNamesWhenPresetAndClientIdBoundThenExpanded() {
		IdentityClaimsProperties properties = bind(
				Map.of("identity.claims.preset", "keycloak", "identity.claims.client-id", "orders-web"));
		assertThat(properties.toClaimNames().getRoles()).containsExactly("realm_access.roles",
				"resource_access.orders-web.roles");
	}

	@Test
	void toClaimNamesWhenClientIdBlankThenClientRolesDropped() {
		IdentityClaimsProperties properties = bind(
				Map.of("identity.claims.preset", "keycloak", "identity.claims.client-id", ""));
		assertThat(properties.toClaimNames().getRoles()).containsExactly("realm_access.roles");
	}

	@Test
	void toClaimNamesWhenClaimNamesBoundThenReplacePreset() {
		IdentityClaimsProperties properties = bind(
				Map.of("identity.claims.preset", "auth0", "identity.claims.roles.claim-names",
						"https://example.com/roles", "identity.claims.feature-flags.claim-names", "flags, app.flags"));
		ClaimNames names = properties.toClaimNames();
		assertThat(names.getRoles()).containsExactly("https://example.com/roles");
		assertThat(names.getFeatureFlags()).containsExactly("flags", "app.flags");
		assertThat(names.getPermissions()).containsExactly("permissions");
	}

	@Test
	void toClaimNamesWhenClaimNamesEmptyThenKindReadsNothing() {
		IdentityClaimsProperties properties = bind(Map.of("identity.claims.groups.claim-names", ""));
		assertThat(properties.getGroups().getClaimNames()).isEmpty();
		assertThat(properties.toClaimNames().getGroups()).isEmpty();
		assertThat(properties.toClaimNames().getRoles()).containsExactly("roles");
	}

	@Test
	void toClaimNamesWhenBlankClaimNameThenInvalidProperty() {
		IdentityClaimsProperties properties = new IdentityClaimsProperties();
		properties.getRoles().setClaimNames(List.of("roles", " "));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).isThrownBy(properties::toClaimNames)
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("identity.claims.roles.claim-names"));
	}

	@Test
	void toClaimsReaderWhenBlankFlagNameThenInvalidProperty() {
		IdentityClaimsProperties properties = new IdentityClaimsProperties();
		properties.getFeatureFlags().getDefaults().put(" ", "true");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(properties::toClaimsReader)
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("identity.claims.feature-flags.defaults"));
	}

	@Test
	void toClaimsReaderWhenDefaultsBoundWithBracketsThenFlagNamesKept() {
		Map<String, String> source = new LinkedHashMap<>();
		source.put("identity.claims.feature-flags.defaults[dark_mode]", "true");
		source.put("identity.claims.feature-flags.defaults[maxItems]", "20");
		ClaimsReader reader = bind(source).toClaimsReader();
		assertThat(reader.getFeatureFlagDefaults()).containsOnly(Map.entry("dark_mode", "true"),
				Map.entry("maxItems", "20"));
		assertThat(reader.read(token()).isFeatureEnabled("dark_mode")).isTrue();
		assertThat(reader.read(token()).getIntegerFlag("maxItems", 0)).isEqualTo(20);
	}

	@Test
	void toAuthoritiesMapperWhenPrefixesBoundThenUsed() {
		IdentityClaimsProperties properties = bind(Map.of("identity.claims.preset", "entra",
				"identity.claims.roles.authority-prefix", "APPROLE_", "identity.claims.scopes.authority-prefix", ""));
		ValidatedToken token = token(
				Map.of("scp", "Orders.Read", "roles", List.of("Orders.Admin"), "groups", List.of("g-1")));
		assertThat(names(properties.toAuthoritiesMapper().convert(token))).containsExactly("Orders.Read",
				"APPROLE_Orders.Admin", "GROUP_g-1");
	}

	@Test
	void toAuthoritiesMapperWhenReaderGivenThenItIsUsed() {
		ClaimsReader reader = ClaimsReader.of(ClaimsPreset.COGNITO);
		assertThat(new IdentityClaimsProperties().toAuthoritiesMapper(reader).getClaimsReader()).isSameAs(reader);
	}

}
