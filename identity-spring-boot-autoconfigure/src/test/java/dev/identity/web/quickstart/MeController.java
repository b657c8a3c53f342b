package dev.identity.web.quickstart;

import java.util.Map;

import dev.identity.core.ValidatedToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

// The README's quick start, verbatim from @RestController on (QuickStart checks that they match).
@RestController
class MeController {

	@GetMapping("/api/me")
	Map<String, Object> me(ValidatedToken token) {
		return token.getClaims();
	}

}
