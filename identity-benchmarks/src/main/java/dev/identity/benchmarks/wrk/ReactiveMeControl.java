package dev.identity.benchmarks.wrk;

import java.util.Map;

import dev.identity.client.ReactiveOAuthClient;
import dev.identity.core.ValidatedToken;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The control for the WebFlux sample's {@code GET /api/me}: the same handler signature,
 * the same operators ({@code defer}, then {@code map}), the same request and the same
 * answer, without the starter's work. The token is resolved and validated on the first
 * request only; every later request answers that token's claims from {@code Mono.just},
 * as a validated-token cache hit does. The difference between {@code /api/me} and this
 * endpoint is what authentication costs per request.
 * <p>
 * Added to the sample by {@code run.sh} ({@code --spring.main.sources}); not part of the
 * sample.
 */
@RestController
public class ReactiveMeControl {

	private final ReactiveOAuthClient client;

	private final ControlToken first = new ControlToken();

	ReactiveMeControl(ReactiveOAuthClient client) {
		this.client = client;
	}

	@GetMapping(path = ControlToken.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Map<String, Object>> me(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		return Mono.defer(() -> {
			ValidatedToken validated = this.first.get();
			if (validated != null) {
				return Mono.just(validated);
			}
			return this.client.validate(ControlToken.bearer(authorization)).map(this.first::set);
		}).map(ControlToken::describe);
	}

}
