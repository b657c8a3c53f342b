package dev.identity.benchmarks.wrk;

import java.util.Map;

import dev.identity.client.OAuthClient;
import dev.identity.core.ValidatedToken;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The control for the MVC sample's {@code GET /api/me}: the same handler signature, the
 * same request and the same answer, without the starter's work. The token is resolved and
 * validated on the first request only; every later request answers that token's claims.
 * The difference between {@code /api/me} and this endpoint is what authentication costs
 * per request: reading the bearer header, the validated-token cache's lookup and its
 * checks.
 * <p>
 * Added to the sample by {@code run.sh} ({@code --spring.main.sources}); not part of the
 * sample.
 */
@RestController
public class ServletMeControl {

	private final OAuthClient client;

	private final ControlToken first = new ControlToken();

	ServletMeControl(OAuthClient client) {
		this.client = client;
	}

	@GetMapping(path = ControlToken.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> me(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		ValidatedToken validated = this.first.get();
		if (validated == null) {
			validated = this.first.set(this.client.validate(ControlToken.bearer(authorization)));
		}
		return ControlToken.describe(validated);
	}

}
