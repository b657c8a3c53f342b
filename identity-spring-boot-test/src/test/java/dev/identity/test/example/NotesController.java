package dev.identity.test.example;

import java.util.List;
import java.util.Map;

import dev.identity.claims.TokenClaims;
import dev.identity.core.ValidatedToken;
import dev.identity.web.RequirePermission;
import dev.identity.web.RequireRole;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller as a user writes it, the same on Spring MVC and WebFlux.
 */
@RestController
public class NotesController {

	@GetMapping("/api/notes")
	@RequirePermission("notes:read")
	public Map<String, Object> notes(ValidatedToken token) {
		return Map.of("owner", String.valueOf(token.getSubject()), "notes", List.of("first note"));
	}

	@GetMapping("/api/admin")
	@RequireRole("admin")
	public Map<String, Object> admin(TokenClaims claims) {
		return Map.of("roles", claims.roles(), "beta", claims.isFeatureEnabled("beta"));
	}

}
