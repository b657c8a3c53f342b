package dev.identity.sample.mvc;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.identity.client.OAuthClient;
import dev.identity.core.BearerTokens;
import dev.identity.core.ValidatedToken;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One open endpoint and one that needs a valid access token. Failures become responses in
 * {@link ApiExceptionHandler}.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiController {

	private final OAuthClient client;

	ApiController(OAuthClient client) {
		this.client = client;
	}

	@GetMapping("/public")
	Map<String, Object> publicInfo() {
		return Map.of("message", "This endpoint needs no token.");
	}

	@GetMapping("/me")
	Map<String, Object> me(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		String token = BearerTokens.resolve(authorization);
		if (token == null) {
			throw new MissingBearerTokenException();
		}
		ValidatedToken validated = this.client.validate(token);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sub", validated.getSubject());
		body.put("iss", validated.getIssuer());
		body.put("scopes", validated.getScopes());
		body.put("claims", validated.getClaims());
		return body;
	}

	/** The request has no {@code Authorization: Bearer} header. */
	static class MissingBearerTokenException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		MissingBearerTokenException() {
			super("a bearer token is required", null, false, false);
		}

	}

}
