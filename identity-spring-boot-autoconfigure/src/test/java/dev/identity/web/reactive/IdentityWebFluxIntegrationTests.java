package dev.identity.web.reactive;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.core.ValidatedToken;
import dev.identity.engine.IdentityEngine;
import dev.identity.web.TokenWebContract;
import dev.identity.web.ValidatedTokenRequests;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens in Spring WebFlux controllers, through the whole dispatcher, against a real provider.
 */
class IdentityWebFluxIntegrationTests extends TokenWebContract {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityWebFluxAutoConfiguration.class, WebClientAutoConfiguration.class,
				JacksonAutoConfiguration.class, CodecsAutoConfiguration.class, WebFluxAutoConfiguration.class));

	@Override
	protected void start(List<String> properties, List<Class<?>> configurations, AppTest test) {
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new))
			.withUserConfiguration(configurations.toArray(Class<?>[]::new))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WebTestClient client = WebTestClient.bindToApplicationContext(context)
					.configureClient()
					.baseUrl("http://localhost")
					.responseTimeout(Duration.ofSeconds(30))
					.build();
				test.run((method, path, authorization, headers) -> send(client, method, path, authorization, headers),
						context);
			});
	}

	@Override
	protected Class<?> countingClientConfiguration() {
		return CountingClientConfiguration.class;
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

	private static Answer send(WebTestClient client, HttpMethod method, String path, @Nullable String authorization,
			String... headers) {
		EntityExchangeResult<String> result = client.method(method).uri(path).headers((requestHeaders) -> {
			if (authorization != null) {
				requestHeaders.set(HttpHeaders.AUTHORIZATION, authorization);
			}
			for (int i = 0; i < headers.length; i += 2) {
				requestHeaders.add(headers[i], headers[i + 1]);
			}
		}).exchange().expectBody(String.class).returnResult();
		String body = result.getResponseBody();
		return new Answer(result.getStatus().value(), result.getResponseHeaders(), (body != null) ? body : "");
	}

	@Configuration(proxyBeanMethods = false)
	static class CountingClientConfiguration {

		@Bean
		AtomicInteger validations() {
			return new AtomicInteger();
		}

		@Bean
		ReactiveOAuthClient countingReactiveOAuthClient(IdentityEngine engine, AtomicInteger validations) {
			return new ReactiveOAuthClient(engine, WebClient.create(), Duration.ofSeconds(10)) {

				@Override
				public Mono<ValidatedToken> validate(@Nullable String token) {
					// Counted on subscription: a Mono built twice but subscribed once validates once.
					return Mono.defer(() -> {
						validations.incrementAndGet();
						return super.validate(token);
					});
				}

			};
		}

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
