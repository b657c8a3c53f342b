package dev.identity.web.reactive;

import java.time.Duration;
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
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring WebFlux for the tests both stacks share: the application in a
 * {@link ReactiveWebApplicationContextRunner}, requests through its whole web handler
 * (filters, dispatcher, exception handlers) with a {@link WebTestClient}.
 */
public final class WebFluxStack implements WebStack {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityWebFluxAutoConfiguration.class,
						WebFluxHandlerEnforcementAutoConfiguration.class, WebClientAutoConfiguration.class,
						JacksonAutoConfiguration.class, CodecsAutoConfiguration.class, WebFluxAutoConfiguration.class));

	@Override
	public void start(List<String> properties, List<Class<?>> configurations, AppTest test) {
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
		new ReactiveWebApplicationContextRunner().withPropertyValues(properties.toArray(String[]::new))
			.withUserConfiguration(all.toArray(Class<?>[]::new))
			.run((context) -> failure.set(context.getStartupFailure()));
		return failure.get();
	}

	@Override
	public Class<?> tokenAutoConfiguration() {
		return IdentityWebFluxAutoConfiguration.class;
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

	/**
	 * Every auto-configuration on the class path, as {@code @SpringBootApplication} has
	 * them.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AutoConfigured {

	}

}
