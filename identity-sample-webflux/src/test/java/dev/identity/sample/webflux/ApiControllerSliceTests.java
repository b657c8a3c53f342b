package dev.identity.sample.webflux;

import dev.identity.test.LocalIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.identity.test.IdentityWebTestClient.bearer;
import static dev.identity.test.TestTokens.token;
import static org.hamcrest.Matchers.containsString;

/**
 * The {@code /api} controller alone, with tokens of a local issuer: the
 * ReactiveOAuthClient it calls validates them against that issuer over HTTP, and
 * {@link ApiExceptionHandler} answers the failures.
 */
@WebFluxTest(ApiController.class)
@LocalIssuer
class ApiControllerSliceTests {

	@Autowired
	private WebTestClient client;

	@Test
	void meWhenTokenOfTheIssuerThenAnswersItsClaims() {
		this.client.mutateWith(bearer(token().subject("alice").scopes("notes")))
			.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sub")
			.isEqualTo("alice")
			.jsonPath("$.scopes[0]")
			.isEqualTo("notes");
	}

	@Test
	void meWhenNoTokenThenUnauthorized() {
		this.client.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value("WWW-Authenticate", containsString("Bearer"));
	}

	@Test
	void meWhenExpiredThenUnauthorizedNamingTheCheck() {
		this.client.mutateWith(bearer(token().expired()))
			.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value("WWW-Authenticate", containsString("error=\"invalid_token\""));
	}

	@Test
	void meWhenAnotherIssuerClaimedThenUnauthorized() {
		this.client.mutateWith(bearer(token().issuer("https://elsewhere.example")))
			.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value("WWW-Authenticate", containsString("error=\"invalid_token\""));
	}

}
