package dev.identity.test.example;

import dev.identity.test.LocalIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.identity.test.IdentityWebTestClient.bearer;
import static dev.identity.test.TestTokens.token;
import static org.hamcrest.Matchers.containsString;

@WebFluxTest(controllers = NotesController.class, properties = "identity.audiences=notes-api")
@LocalIssuer
class NotesControllerWebFluxTests {

	@Autowired
	WebTestClient client;

	@Test
	void notesWhenPermittedThenOk() {
		this.client.mutateWith(bearer(token().subject("alice").permissions("notes:read")))
			.get()
			.uri("/api/notes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.owner")
			.isEqualTo("alice");
	}

	@Test
	void notesWhenNoTokenThenUnauthorized() {
		this.client.get()
			.uri("/api/notes")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value("WWW-Authenticate", containsString("Bearer error=\"invalid_token\""));
	}

	@Test
	void notesWhenPermissionMissingThenForbidden() {
		this.client.mutateWith(bearer(token().permissions("notes:write")))
			.get()
			.uri("/api/notes")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.value("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
	}

}
