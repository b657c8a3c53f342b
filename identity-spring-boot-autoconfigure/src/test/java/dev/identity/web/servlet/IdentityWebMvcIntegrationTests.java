package dev.identity.web.servlet;

import java.util.List;

import dev.identity.core.ValidatedToken;
import dev.identity.web.TokenWebContract;
import dev.identity.web.internal.ValidatedTokenRequests;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens in Spring MVC controllers, through the whole dispatcher, against a real
 * provider.
 */
class IdentityWebMvcIntegrationTests extends TokenWebContract {

	private final MvcStack stack = new MvcStack();

	@Override
	protected void start(List<String> properties, List<Class<?>> configurations, AppTest test) {
		this.stack.start(properties, configurations, test);
	}

	@Test
	void tokenWhenValidatedThenKeptAsRequestAttribute() {
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
		String attribute(ValidatedToken token, WebRequest request) {
			return (request.getAttribute(ValidatedTokenRequests.VALIDATED_TOKEN_ATTRIBUTE,
					RequestAttributes.SCOPE_REQUEST) == token) ? "kept" : "not kept";
		}

		@GetMapping("/attribute/before")
		String before(WebRequest request) {
			// Nothing needs the token here, so nothing validates it.
			return (request.getAttribute(ValidatedTokenRequests.VALIDATED_TOKEN_ATTRIBUTE,
					RequestAttributes.SCOPE_REQUEST) == null) ? "absent" : "present";
		}

	}

}
