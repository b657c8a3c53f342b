package dev.identity.web.servlet;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.client.OAuthClient;
import dev.identity.core.ValidatedToken;
import dev.identity.engine.IdentityEngine;
import dev.identity.web.TokenWebContract;
import dev.identity.web.ValidatedTokenRequests;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens in Spring MVC controllers, through the whole dispatcher, against a real provider.
 */
class IdentityWebMvcIntegrationTests extends TokenWebContract {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityWebMvcAutoConfiguration.class,
				RestClientAutoConfiguration.class, JacksonAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class));

	@Override
	protected void start(List<String> properties, List<Class<?>> configurations, AppTest test) {
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new))
			.withUserConfiguration(configurations.toArray(Class<?>[]::new))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
				test.run((method, path, authorization, headers) -> send(mvc, method, path, authorization, headers),
						context);
			});
	}

	@Override
	protected Class<?> countingClientConfiguration() {
		return CountingClientConfiguration.class;
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

	private static Answer send(MockMvc mvc, HttpMethod method, String path, @Nullable String authorization,
			String... headers) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, path);
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		HttpHeaders responseHeaders = new HttpHeaders();
		for (String name : response.getHeaderNames()) {
			responseHeaders.addAll(name, response.getHeaders(name));
		}
		return new Answer(response.getStatus(), responseHeaders, response.getContentAsString(StandardCharsets.UTF_8));
	}

	@Configuration(proxyBeanMethods = false)
	static class CountingClientConfiguration {

		@Bean
		AtomicInteger validations() {
			return new AtomicInteger();
		}

		@Bean
		OAuthClient countingOAuthClient(IdentityEngine engine, AtomicInteger validations) {
			return new OAuthClient(engine, RestClient.create()) {

				@Override
				public ValidatedToken validate(@Nullable String token) {
					validations.incrementAndGet();
					return super.validate(token);
				}

			};
		}

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
