package dev.identity.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.identity.claims.TokenClaims;
import dev.identity.core.ClaimRule;
import dev.identity.core.ValidatedToken;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Controllers that work alike on Spring MVC and WebFlux, for the tests both stacks share.
 */
public final class WebTestControllers {

	private WebTestControllers() {
	}

	@RestController
	public static class TokenController {

		@GetMapping("/token")
		public String token(ValidatedToken token) {
			return token.getSubject();
		}

		@GetMapping("/claims")
		public String claims(TokenClaims claims) {
			return String.join(" ", claims.scopes());
		}

		@GetMapping("/optional")
		public String optional(Optional<ValidatedToken> token) {
			return token.map(ValidatedToken::getSubject).orElse("anonymous");
		}

		@GetMapping("/nullable")
		public String nullable(@Nullable ValidatedToken token) {
			return (token != null) ? token.getSubject() : "anonymous";
		}

		@GetMapping("/claim")
		public String claim(@Claim("sub") String subject, @Claim("aud") List<String> audiences,
				@Claim("exp") Instant expiresAt, @Claim Long iat) {
			return subject + " " + audiences + " " + expiresAt.isAfter(Instant.ofEpochSecond(iat));
		}

		@GetMapping("/claim/missing")
		public String missingClaim(@Claim("tenant") String tenant) {
			return tenant;
		}

		@GetMapping("/claim/optional")
		public String optionalClaim(@Claim(value = "tenant", required = false) @Nullable String tenant,
				@Claim("tenant") Optional<String> again) {
			return tenant + " " + again.isPresent();
		}

		@RequireScope("read")
		@GetMapping("/scope/read")
		public String scopeRead() {
			return "read";
		}

		@RequireScope("write")
		@GetMapping("/scope/write")
		public String scopeWrite() {
			return "write";
		}

		@RequireScope({ "write", "read" })
		@GetMapping("/scope/any")
		public String scopeAny() {
			return "any";
		}

		@RequireRole("read")
		@GetMapping("/role/read")
		public String roleRead() {
			return "role";
		}

		@RequireRole("admin")
		@GetMapping("/role/admin")
		public String roleAdmin() {
			return "admin";
		}

		@RequirePermission("read")
		@GetMapping("/permission/read")
		public String permissionRead() {
			return "permission";
		}

		@RequirePermission("delete")
		@GetMapping("/permission/delete")
		public String permissionDelete() {
			return "delete";
		}

		@RequireScope("read")
		@GetMapping("/once")
		public String once(ValidatedToken token, TokenClaims claims, @Claim("sub") String subject,
				@Claim("aud") List<String> audiences, Optional<ValidatedToken> again) {
			return (claims.getToken() == token && again.orElseThrow() == token) ? "same" : "different";
		}

		@CrossOrigin("https://app.example")
		@RequireScope("read")
		@GetMapping("/cors")
		public String cors() {
			return "cors";
		}

	}

	@RestController
	@RequireScope("read")
	public static class ReadController {

		@GetMapping("/class/read")
		public String read() {
			return "class read";
		}

		@RequireScope("write")
		@GetMapping("/class/write")
		public String write() {
			return "class write";
		}

	}

	/**
	 * An application's catch-all error handling, which must not swallow the RFC 6750
	 * answers.
	 */
	@RestControllerAdvice
	public static class CatchAllAdvice {

		@ExceptionHandler(Exception.class)
		public ResponseEntity<String> any(Exception ex) {
			return ResponseEntity.internalServerError().body("caught by the application");
		}

	}

	/**
	 * An application-wide claim rule: tokens that carry the {@code write} scope are
	 * refused, whatever the handler asks.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class NoWriteScopeRule {

		@Bean
		ClaimRule noWriteScope() {
			return ClaimRule.require("no-write-scope",
					(token) -> !token.getClaimAsStringList("scope").contains("write"),
					"the write scope is not accepted here");
		}

	}

}
