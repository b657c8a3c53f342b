package dev.identity.claims;

import java.util.List;
import java.util.Map;

import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With several issuers, each issuer's tokens are read with its own claims preset; the
 * others with the reader's.
 */
class ClaimsReaderIssuerTests {

	/**
	 * Issued by {@code https://idp.example.com}, with roles where two presets put them.
	 */
	private final ValidatedToken token = ClaimsTestTokens
		.token(Map.of("roles", List.of("generic-role"), "realm_access", Map.of("roles", List.of("keycloak-role"))));

	@Test
	void readWhenTheTokensIssuerHasItsOwnPresetThenItsClaimNames() {
		ClaimsReader reader = ClaimsReader.withClaimNames(ClaimNames.withPreset(ClaimsPreset.GENERIC).build())
			.issuerClaimNames("https://idp.example.com", ClaimNames.withPreset(ClaimsPreset.KEYCLOAK).build())
			.build();
		assertThat(reader.read(this.token).roles()).containsExactly("keycloak-role");
	}

	@Test
	void readWhenAnotherIssuerHasAPresetThenTheReadersClaimNames() {
		ClaimsReader reader = ClaimsReader.withClaimNames(ClaimNames.withPreset(ClaimsPreset.GENERIC).build())
			.issuerClaimNames("https://other.example.com", ClaimNames.withPreset(ClaimsPreset.KEYCLOAK).build())
			.build();
		assertThat(reader.read(this.token).roles()).containsExactly("generic-role");
	}

	@Test
	void toClaimsReaderWhenIssuerPresetThenConfiguredKindsStillReplaceThePresets() {
		IdentityClaimsProperties properties = new IdentityClaimsProperties();
		properties.getPermissions().setClaimNames(List.of("perms"));
		ClaimsReader reader = properties.toClaimsReader(Map.of("https://idp.example.com", ClaimsPreset.KEYCLOAK));
		ValidatedToken token = ClaimsTestTokens
			.token(Map.of("perms", List.of("notes:write"), "realm_access", Map.of("roles", List.of("keycloak-role"))));
		assertThat(reader.read(token).roles()).containsExactly("keycloak-role");
		assertThat(reader.read(token).permissions()).containsExactly("notes:write");
	}

}
