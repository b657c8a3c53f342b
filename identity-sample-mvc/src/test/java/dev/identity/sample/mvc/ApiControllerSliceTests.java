package dev.identity.sample.mvc;

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

/**
 * The {@code /api} controller alone, with tokens of a local issuer: the OAuthClient it
 * calls validates them against that issuer over HTTP, and {@link ApiExceptionHandler}
 * answers the failures.
 */
@WebMvcTest(ApiController.class)
@LocalIssuer
class ApiControllerSliceTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void meWhenTokenOfTheIssuerThenAnswersItsClaims() throws Exception {
		this.mvc.perform(get("/api/me").with(bearer(token().subject("alice").scopes("notes"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sub").value("alice"))
			.andExpect(jsonPath("$.scopes[0]").value("notes"));
	}

	@Test
	void meWhenNoTokenThenUnauthorized() throws Exception {
		this.mvc.perform(get("/api/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("Bearer")));
	}

	@Test
	void meWhenExpiredThenUnauthorizedNamingTheCheck() throws Exception {
		this.mvc.perform(get("/api/me").with(bearer(token().expired())))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("error=\"invalid_token\"")));
	}

	@Test
	void meWhenAnotherIssuerClaimedThenUnauthorized() throws Exception {
		this.mvc.perform(get("/api/me").with(bearer(token().issuer("https://elsewhere.example"))))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("error=\"invalid_token\"")));
	}

	@Test
	void publicWhenNoTokenThenOk() throws Exception {
		this.mvc.perform(get("/api/public")).andExpect(status().isOk());
	}

}
