package dev.identity.web.servlet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.web.TokenWebContract.Answer;
import dev.identity.web.TokenWebContract.AppTest;
import dev.identity.web.WebStack;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring MVC for the tests both stacks share: the application in a
 * {@link WebApplicationContextRunner}, requests through the whole dispatcher with
 * {@link MockMvc}.
 */
public final class MvcStack implements WebStack {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityWebMvcAutoConfiguration.class,
				WebMvcHandlerEnforcementAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class));

	@Override
	public void start(List<String> properties, List<Class<?>> configurations, AppTest test) {
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
	public @Nullable Throwable startupFailure(List<String> properties, List<Class<?>> configurations) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new))
			.withUserConfiguration(configurations.toArray(Class<?>[]::new))
			.run((context) -> failure.set(context.getStartupFailure()));
		return failure.get();
	}

	@Override
	public @Nullable Throwable autoConfiguredStartupFailure(List<String> properties, List<Class<?>> configurations) {
		List<Class<?>> all = new ArrayList<>(List.of(AutoConfigured.class));
		all.addAll(configurations);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		new WebApplicationContextRunner().withPropertyValues(properties.toArray(String[]::new))
			.withUserConfiguration(all.toArray(Class<?>[]::new))
			.run((context) -> failure.set(context.getStartupFailure()));
		return failure.get();
	}

	@Override
	public Class<?> tokenAutoConfiguration() {
		return IdentityWebMvcAutoConfiguration.class;
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

	/**
	 * Every auto-configuration on the class path, as {@code @SpringBootApplication} has
	 * them.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AutoConfigured {

	}

}
