package dev.identity.devprovider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SecurityDefaultsEnvironmentPostProcessorTests {

	private static final String EXCLUDE = "spring.autoconfigure.exclude";

	@Test
	void postProcessEnvironmentWhenApplicationExcludesItsOwnThenKeepsThemAndAddsSecurityDefaults() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("application", Map.of(EXCLUDE + "[0]", "com.example.FirstAutoConfiguration",
					EXCLUDE + "[1]", "com.example.SecondAutoConfiguration")));
		new SecurityDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		List<String> excluded = List.of(Binder.get(environment).bind(EXCLUDE, String[].class).get());
		assertThat(excluded)
			.containsAll(List.of("com.example.FirstAutoConfiguration", "com.example.SecondAutoConfiguration"))
			.containsAll(SecurityDefaultsEnvironmentPostProcessor.EXCLUDED)
			.doesNotHaveDuplicates();
	}

	@Test
	void postProcessEnvironmentWhenProviderContextThenExcludesNothing() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("provider", Map.of(DevelopmentProvider.MARKER, "true")));
		new SecurityDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(EXCLUDE)).isNull();
	}

	@Test
	void applicationWhenModuleOnClassPathThenGetsNoSpringSecurityDefaults(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.SERVLET)
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off")) {
			assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
			assertThat(context.getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
			assertThat(context.getBeanNamesForType(AuthorizationServerSettings.class)).isEmpty();
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpResponse<Void> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/anything")).build(),
						HttpResponse.BodyHandlers.discarding());
			// Not found, rather than Spring Security's 401 or redirect to a login form.
			assertThat(response.statusCode()).isEqualTo(404);
		}
		assertThat(output).doesNotContain("Using generated security password");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
