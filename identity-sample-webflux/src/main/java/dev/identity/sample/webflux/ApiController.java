package dev.identity.sample.webflux;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.identity.client.ReactiveOAuthClient;
import dev.identity.core.BearerTokens;
import dev.identity.core.ValidatedToken;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * One open endpoint and one that needs a valid access token, validated without blocking
 * the event loop. Failures become responses in {@link ApiExceptionHandler}.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiController {

	private final ReactiveOAuthClient client;

	ApiController(ReactiveOAuthClient client) {
		this.client = client;
	}

	@GetMapping("/public")
	Mono<Map<String, Object>> publicInfo() {
		return Mono.just(Map.of("message", "This endpoint needs no token."));
	}

	@GetMapping("/me")
	Mono<Map<String, Object>> me(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		// Deferred so that a malformed header is signalled like every other rejection.
		return Mono.defer(() -> {
			String token = BearerTokens.resolve(authorization);
			return (token != null) ? this.client.validate(token) : Mono.error(new MissingBearerTokenException());
		}).map(ApiController::describe);
	}

	private static Map<String, Object> describe(ValidatedToken token) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sub", token.getSubject());
		body.put("iss", token.getIssuer());
		body.put("scopes", token.getScopes());
		body.put("claims", token.getClaims());
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
