package dev.identity.test;

import dev.identity.claims.ClaimsReader;
import dev.identity.claims.TokenClaims;
import dev.identity.client.OAuthClient;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.ValidatedToken;
import dev.identity.test.example.ExampleApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;

import static dev.identity.test.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The application's own validator, configured with two audiences, against the local
 * issuer over HTTP.
 */
@SpringBootTest(classes = ExampleApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = "identity.audiences=orders-api,reports-api")
@LocalIssuer
class LocalIssuerTests {

	@Autowired
	private OAuthClient client;

	@Autowired
	private ClaimsReader claimsReader;

	@Test
	void issuerUriWhenLocalIssuerThenPointsAtItOnLoopback(@Autowired Environment environment, TestIssuer issuer) {
		assertThat(environment.getProperty("identity.issuer-uri")).isEqualTo(issuer.issuerUri())
			.startsWith("http://127.0.0.1:");
		assertThat(TestTokens.issuer()).isSameAs(issuer);
	}

	@Test
	void validateWhenDefaultTokenThenAcceptedForTheFirstConfiguredAudience() {
		ValidatedToken validated = this.client.validate(token().encode());
		assertThat(validated.getSubject()).isEqualTo(TestToken.DEFAULT_SUBJECT);
		assertThat(validated.getAudiences()).containsExactly("orders-api");
		assertThat(validated.getClaims()).containsEntry("client_id", TestToken.DEFAULT_CLIENT_ID)
			.containsKeys("iat", "exp", "jti");
	}

	@Test
	void validateWhenRolesPermissionsScopesAndFlagsThenTheApplicationReadsThem() {
		ValidatedToken validated = this.client.validate(token().subject("alice")
			.roles("admin")
			.permissions("notes:write")
			.scopes("read", "write")
			.groups("staff")
			.featureFlag("beta", true)
			.claim("tenant", "acme")
			.encode());
		TokenClaims claims = this.claimsReader.read(validated);
		assertThat(claims.roles()).containsExactly("admin");
		assertThat(claims.permissions()).containsExactly("notes:write");
		assertThat(claims.scopes()).containsExactly("read", "write");
		assertThat(claims.groups()).containsExactly("staff");
		assertThat(claims.isFeatureEnabled("beta")).isTrue();
		assertThat(validated.getClaims()).containsEntry("tenant", "acme");
	}

	@Test
	void validateWhenWrongAudienceThenRefused() {
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.client.validate(token().audience("someone-else").encode()))
			.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.AUDIENCE)).isTrue());
	}

	@Test
	void validateWhenSecondConfiguredAudienceThenAccepted() {
		assertThat(this.client.validate(token().audience("reports-api").encode()).getAudiences())
			.containsExactly("reports-api");
	}

	@Test
	void validateWhenExpiredThenRefused() {
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.client.validate(token().expired().encode()))
			.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.EXPIRY)).isTrue());
	}

	@Test
	void validateWhenNotYetValidThenRefused() {
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.client.validate(token().notYetValid().encode()))
			.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.NOT_BEFORE)).isTrue());
	}

	@Test
	void validateWhenSignedByAnotherIssuersKeyThenRefused() {
		try (TestIssuer stranger = TestIssuer.start()) {
			String forged = stranger.token().issuer(TestTokens.issuer().issuerUri()).audience("orders-api").encode();
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.client.validate(forged))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.KEY) || ex.hasFailed(TokenCheck.SIGNATURE))
					.isTrue());
		}
	}

}
