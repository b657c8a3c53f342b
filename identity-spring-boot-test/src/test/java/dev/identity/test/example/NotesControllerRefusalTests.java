package dev.identity.test.example;

import dev.identity.test.LocalIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.identity.test.IdentityMockMvc.bearer;
import static dev.identity.test.TestTokens.token;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The slice refuses what the application's validator refuses, with the starter's RFC 6750
 * answer: tokens with every permission but one thing wrong.
 */
@WebMvcTest(controllers = NotesController.class, properties = "identity.audiences=notes-api")
@LocalIssuer
class NotesControllerRefusalTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void notesWhenWrongAudienceThenInvalidToken() throws Exception {
		expectInvalidToken(bearer(token().permissions("notes:read").audience("orders-api")));
	}

	@Test
	void notesWhenExpiredThenInvalidToken() throws Exception {
		expectInvalidToken(bearer(token().permissions("notes:read").expired()));
	}

	@Test
	void notesWhenNotYetValidThenInvalidToken() throws Exception {
		expectInvalidToken(bearer(token().permissions("notes:read").notYetValid()));
	}

	@Test
	void notesWhenAlteredThenInvalidToken() throws Exception {
		String token = token().permissions("notes:read").encode();
		expectInvalidToken(bearer(token.substring(0, token.length() - 4) + "AAAA"));
	}

	@Test
	void adminWhenRoleMissingThenForbidden() throws Exception {
		this.mvc.perform(get("/api/admin").with(bearer(token().roles("viewer"))))
			.andExpect(status().isForbidden())
			.andExpect(header().string("WWW-Authenticate", containsString("error=\"insufficient_scope\"")));
	}

	private void expectInvalidToken(RequestPostProcessor token) throws Exception {
		this.mvc.perform(get("/api/notes").with(token))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("error=\"invalid_token\"")));
	}

}
