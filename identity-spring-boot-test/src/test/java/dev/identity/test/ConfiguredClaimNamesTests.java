package dev.identity.test;

import dev.identity.claims.ClaimsReader;
import dev.identity.claims.TokenClaims;
import dev.identity.client.OAuthClient;
import dev.identity.test.example.ExampleApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.identity.test.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens follow the application's claim names: a nested path, a namespaced claim, a
 * preset that reads scopes from {@code scp}; and no audience when the application checks
 * none.
 */
@SpringBootTest(classes = ExampleApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = { "identity.claims.preset=okta", "identity.claims.roles.claim-names=realm_access.roles",
				"identity.claims.permissions.claim-names=https://example.com/permissions" })
@LocalIssuer
class ConfiguredClaimNamesTests {

	@Autowired
	private OAuthClient client;

	@Autowired
	private ClaimsReader claimsReader;

	@Test
	void tokenWhenClaimNamesConfiguredThenWrittenWhereTheApplicationReads() {
		var validated = this.client
			.validate(token().roles("admin").permissions("notes:write").scopes("read").groups("staff").encode());
		TokenClaims claims = this.claimsReader.read(validated);
		assertThat(claims.roles()).containsExactly("admin");
		assertThat(claims.permissions()).containsExactly("notes:write");
		assertThat(claims.scopes()).containsExactly("read");
		assertThat(claims.groups()).containsExactly("staff");
		assertThat(validated.getClaims()).containsKeys("realm_access", "https://example.com/permissions", "scp");
	}

	@Test
	void tokenWhenNoAudienceConfiguredThenHasNone() {
		assertThat(this.client.validate(token().encode()).getClaims()).doesNotContainKey("aud");
	}

}
