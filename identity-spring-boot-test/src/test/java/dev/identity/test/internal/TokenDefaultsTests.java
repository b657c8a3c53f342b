package dev.identity.test.internal;

import java.util.List;

import dev.identity.claims.ClaimNames;
import dev.identity.claims.ClaimsPreset;
import dev.identity.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What tokens take from the application's properties, for the one issuer and a named one.
 */
class TokenDefaultsTests {

	private static TestIssuer issuer;

	@BeforeAll
	static void start() {
		issuer = TestIssuer.start();
	}

	@AfterAll
	static void stop() {
		issuer.close();
	}

	@Test
	void ofWhenAudiencesSetThenTheFirst() {
		MockEnvironment environment = new MockEnvironment().withProperty("identity.audiences",
				"orders-api,reports-api");
		assertThat(TokenDefaults.of(issuer, "", environment).audience()).isEqualTo("orders-api");
	}

	@Test
	void ofWhenNamedIssuerHasAudiencesThenItsOwnFirst() {
		MockEnvironment environment = new MockEnvironment().withProperty("identity.audiences", "orders-api")
			.withProperty("identity.issuers.partner.audiences[0]", "partner-api");
		assertThat(TokenDefaults.of(issuer, "partner", environment).audience()).isEqualTo("partner-api");
	}

	@Test
	void ofWhenNamedIssuerHasNoAudiencesThenTheTopLevelOnes() {
		MockEnvironment environment = new MockEnvironment().withProperty("identity.audiences", "orders-api");
		assertThat(TokenDefaults.of(issuer, "partner", environment).audience()).isEqualTo("orders-api");
	}

	@Test
	void ofWhenNoAudiencesThenNone() {
		assertThat(TokenDefaults.of(issuer, "", new MockEnvironment()).audience()).isNull();
	}

	@Test
	void ofWhenNamedIssuerHasAPresetThenItsClaimNames() {
		MockEnvironment environment = new MockEnvironment().withProperty("identity.claims.preset", "auth0")
			.withProperty("identity.issuers.partner.claims-preset", "keycloak")
			.withProperty("identity.claims.client-id", "notes");
		assertThat(TokenDefaults.of(issuer, "partner", environment).claimNames())
			.isEqualTo(ClaimNames.withPreset(ClaimsPreset.KEYCLOAK).clientId("notes").build());
		assertThat(TokenDefaults.of(issuer, "", environment).claimNames().getPermissions())
			.isEqualTo(List.of("permissions"));
		assertThat(TokenDefaults.of(issuer, "", environment).claimNames().getRoles()).isEmpty();
	}

}
