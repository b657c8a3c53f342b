package dev.identity.web.reactive;

import java.util.List;

import dev.identity.core.ValidatedToken;
import dev.identity.web.TokenWebContract;
import dev.identity.web.internal.ValidatedTokenRequests;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens in Spring WebFlux controllers, through the whole dispatcher, against a
 * real provider.
 */
class IdentityWebFluxIntegrationTests extends TokenWebContract {

	private final WebFluxStack stack = new WebFluxStack();

	@Override
	protected void start(List<String> properties, List<Class<?>> configurations, AppTest test) {
		this.stack.start(properties, configurations, test);
	}

	@Test
	void tokenWhenValidatedThenKeptAsExchangeAttribute() {
		String token = "Bearer " + provider.clientCredentialsToken("read");
		start(List.of("identity.issuer-uri=" + provider.issuer(), "identity.audiences=test-client"),
				List.of(AttributeController.class), (http, context) -> {
					assertThat(http.get("/attribute", token).body()).isEqualTo("kept");
					assertThat(http.get("/attribute/before", token).body()).isEqualTo("absent");
				});
	}

	@RestController
	static class AttributeController {

		@GetMapping("/attribute")
		String attribute(ValidatedToken token, ServerWebExchange exchange) {
			return (exchange.getAttribute(ValidatedTokenRequests.VALIDATED_TOKEN_ATTRIBUTE) == token) ? "kept"
					: "not kept";
		}

		@GetMapping("/attribute/before")
		String before(ServerWebExchange exchange) {
			// Nothing needs the token here, so nothing validates it.
			return (exchange.getAttribute(ValidatedTokenRequests.VALIDATED_TOKEN_ATTRIBUTE) == null) ? "absent"
					: "present";
		}

	}

}
