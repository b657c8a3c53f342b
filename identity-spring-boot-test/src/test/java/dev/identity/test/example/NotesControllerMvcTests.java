package dev.identity.test.example;

import dev.identity.test.LocalIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

import static dev.identity.test.IdentityMockMvc.bearer;
import static dev.identity.test.TestTokens.token;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = NotesController.class, properties = "identity.audiences=notes-api")
@LocalIssuer
class NotesControllerMvcTests {

	@Autowired
	MockMvc mvc;

	@Test
	void notesWhenPermittedThenOk() throws Exception {
		this.mvc.perform(get("/api/notes").with(bearer(token().subject("alice").permissions("notes:read"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.owner").value("alice"));
	}

	@Test
	void notesWhenNoTokenThenUnauthorized() throws Exception {
		this.mvc.perform(get("/api/notes"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("Bearer error=\"invalid_token\"")));
	}

	@Test
	void notesWhenPermissionMissingThenForbidden() throws Exception {
		this.mvc.perform(get("/api/notes").with(bearer(token().permissions("notes:write"))))
			.andExpect(status().isForbidden())
			.andExpect(header().string("WWW-Authenticate", containsString("error=\"insufficient_scope\"")));
	}

	@Test
	void adminWhenRoleAndFlagThenReadFromTheToken() throws Exception {
		this.mvc.perform(get("/api/admin").with(bearer(token().roles("admin").featureFlag("beta", true))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.roles[0]").value("admin"))
			.andExpect(jsonPath("$.beta").value(true));
	}

}
