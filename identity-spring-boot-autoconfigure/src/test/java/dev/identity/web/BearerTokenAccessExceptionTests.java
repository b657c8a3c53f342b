package dev.identity.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.web.internal.ValidatedTokenRequests;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BearerTokenAccessExceptionTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final BearerTokenAccessExceptionHandler handler = new BearerTokenAccessExceptionHandler();

	@Test
	void missingTokenWhenAnsweredThenUnauthorizedWithChallenge() {
		ResponseEntity<byte[]> response = this.handler.handle(BearerTokenAccessException.missingToken());
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer error=\"invalid_token\", error_description=\"a bearer token is required\"");
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		JsonNode body = body(response);
		assertThat(body.path("error").asString()).isEqualTo("invalid_token");
		assertThat(body.path("error_description").asString()).isEqualTo("a bearer token is required");
	}

	@Test
	void invalidTokenWhenAnsweredThenUnauthorizedNamingEveryKindOfFailedCheckButNoDetail() {
		InvalidTokenException failure = new InvalidTokenException(
				List.of(new TokenCheckFailure(TokenCheck.SIGNATURE, "signature does not verify with RS256 key k1"),
						new TokenCheckFailure(TokenCheck.AUDIENCE, "aud holds none of [orders-api]")));
		BearerTokenAccessException exception = BearerTokenAccessException.invalidToken(failure);
		assertThat(exception.getCause()).isSameAs(failure);
		assertThat(exception.getMessage()).contains("orders-api").contains("RS256");
		ResponseEntity<byte[]> response = this.handler.handle(exception);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		String description = "the token's signature is invalid; the token's audience is not accepted";
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.startsWith("Bearer error=\"invalid_token\"")
			.contains(description);
		assertThat(body(response).path("error_description").asString()).isEqualTo(description);
	}

	@Test
	void providerUnavailableWhenAnsweredThenServiceUnavailableWithoutChallengeOrProviderDetails() {
		IdentityProviderException failure = new IdentityProviderException("jwks",
				URI.create("https://idp.internal.example/keys?secret=x"), "connection refused");
		ResponseEntity<byte[]> response = this.handler.handle(BearerTokenAccessException.providerUnavailable(failure));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getHeaders().containsHeader(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
		assertThat(body(response).path("error").asString()).isEqualTo("temporarily_unavailable");
		assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).doesNotContain("idp.internal")
			.doesNotContain("secret");
	}

	@Test
	void insufficientScopeWhenAnsweredThenForbiddenWithInsufficientScopeChallenge() {
		ResponseEntity<byte[]> response = this.handler
			.handle(BearerTokenAccessException.insufficient("scope", "orders:write", "lacks orders:write"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.startsWith("Bearer error=\"insufficient_scope\"")
			.contains("error_description=\"the token lacks a scope this resource requires\"")
			.endsWith("scope=\"orders:write\"");
		assertThat(body(response).path("error").asString()).isEqualTo("insufficient_scope");
	}

	@Test
	void translateWhenValidationFailureThenAccessException() {
		InvalidTokenException invalid = InvalidTokenException.of(TokenCheck.FORMAT, "not a JWS");
		assertThat(BearerTokenAccessException.translate(invalid)).isInstanceOfSatisfying(
				BearerTokenAccessException.class,
				(ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED));
		IdentityProviderException provider = new IdentityProviderException("discovery",
				URI.create("http://127.0.0.1:1"), "down");
		assertThat(BearerTokenAccessException.translate(provider)).isInstanceOfSatisfying(
				BearerTokenAccessException.class,
				(ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
		IllegalStateException other = new IllegalStateException("bug");
		assertThat(BearerTokenAccessException.translate(other)).isSameAs(other);
	}

	@Test
	void bearerTokenWhenMalformedThenUnauthorized() {
		assertThat(ValidatedTokenRequests.bearerToken(null)).isNull();
		assertThat(ValidatedTokenRequests.bearerToken("Basic dXNlcjpwYXNz")).isNull();
		assertThat(ValidatedTokenRequests.bearerToken("Bearer abc.def.ghi")).isEqualTo("abc.def.ghi");
		assertThatExceptionOfType(BearerTokenAccessException.class)
			.isThrownBy(() -> ValidatedTokenRequests.bearerToken("Bearer a\"b"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED));
	}

	private static JsonNode body(ResponseEntity<byte[]> response) {
		return json.readTree(response.getBody());
	}

}
