package dev.identity.devprovider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.client.OAuthClient;
import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The development provider starts only when asked for and no issuer is configured, never
 * in a production profile, points the application at itself, and stops with the
 * application.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevelopmentProviderApplicationListenerTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void startsWithoutIssuerAndValidatesItsOwnTokens(CapturedOutput output) throws Exception {
		String issuer;
		try (ConfigurableApplicationContext context = run("--identity.dev-provider.enabled=true",
				"--identity.dev-provider.port=0")) {
			issuer = context.getEnvironment().getProperty("identity.issuer-uri");
			assertThat(issuer).startsWith("http://127.0.0.1:");
			assertThat(context.getEnvironment().getProperty("identity.client-id")).isEqualTo(DemoAccounts.CLIENT_ID);
			assertThat(context.getEnvironment().getProperty("identity.audiences")).isEqualTo(DemoAccounts.AUDIENCE);
			String token = adminToken(issuer);
			ValidatedToken validated = context.getBean(OAuthClient.class).validate(token);
			assertThat(validated.getSubject()).isEqualTo(DemoAccounts.ADMIN_CLIENT_ID);
			assertThat(validated.getAudiences()).containsExactly(DemoAccounts.AUDIENCE);
			assertThat(validated.getClaims().get("roles")).asString().contains("admin");
			assertThat(output).contains("Started a development OpenID provider at " + issuer)
				.contains("for development only")
				.contains("curl -s -u demo-admin:demo-admin-secret -d grant_type=client_credentials " + issuer
						+ "/oauth2/token");
		}
		String stopped = issuer;
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> http.send(
				HttpRequest.newBuilder(URI.create(stopped + DevelopmentProvider.DISCOVERY_PATH)).build(),
				HttpResponse.BodyHandlers.ofString()));
	}

	@Test
	void staysOffWhenAnIssuerIsConfigured() {
		try (ConfigurableApplicationContext context = run("--identity.dev-provider.enabled=true",
				"--identity.dev-provider.port=0", "--identity.issuer-uri=https://login.example.com")) {
			assertThat(context.getEnvironment().getPropertySources().contains("identityDevelopmentProvider")).isFalse();
			assertThat(context.getEnvironment().getProperty("identity.issuer-uri"))
				.isEqualTo("https://login.example.com");
		}
	}

	@Test
	void staysOffWhenANamedIssuerIsConfigured() {
		try (ConfigurableApplicationContext context = run("--identity.dev-provider.enabled=true",
				"--identity.dev-provider.port=0", "--identity.issuers.staff.issuer-uri=https://login.example.com")) {
			assertThat(context.getEnvironment().getPropertySources().contains("identityDevelopmentProvider")).isFalse();
			assertThat(context.getEnvironment().getProperty("identity.issuer-uri")).isNull();
		}
	}

	@Test
	void staysOffUnlessEnabled() {
		try (ConfigurableApplicationContext context = run("--identity.dev-provider.port=0")) {
			assertThat(context.getEnvironment().getPropertySources().contains("identityDevelopmentProvider")).isFalse();
			assertThat(context.getEnvironment().getProperty("identity.issuer-uri")).isNull();
		}
	}

	@Test
	void productionProfileWithoutIssuerFailsStartUp(CapturedOutput output) {
		assertThatExceptionOfType(InvalidIdentityConfigurationException.class)
			.isThrownBy(() -> run("--identity.dev-provider.enabled=true", "--identity.dev-provider.port=0",
					"--spring.profiles.active=cloud,Prod"))
			.satisfies((ex) -> {
				assertThat(ex.getProblems()).singleElement().satisfies((problem) -> {
					assertThat(problem.property()).isEqualTo("identity.issuer-uri");
					assertThat(problem.reason()).contains("required in profile prod")
						.contains("identity.dev-provider.production-profiles");
				});
			});
		assertThat(output).contains("Property: identity.issuer-uri").doesNotContain("Started a development");
	}

	@Test
	void productionDefaultProfileWithoutIssuerFailsStartUp() {
		assertThatExceptionOfType(InvalidIdentityConfigurationException.class)
			.isThrownBy(() -> run("--identity.dev-provider.enabled=true", "--identity.dev-provider.port=0",
					"--spring.profiles.default=production"))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.property()).isEqualTo("identity.issuer-uri")));
	}

	@Test
	void issuerFromAPropertySourceReadLaterFailsStartUp() {
		assertThatExceptionOfType(InvalidIdentityConfigurationException.class)
			.isThrownBy(() -> new SpringApplicationBuilder(Application.class, IssuerFromPropertySource.class)
				.web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off")
				.run("--identity.dev-provider.enabled=true", "--identity.dev-provider.port=0"))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement().satisfies((problem) -> {
				assertThat(problem.property()).isEqualTo("identity.issuer-uri");
				assertThat(problem.value()).isEqualTo("https://login.example.com");
				assertThat(problem.reason()).contains("@PropertySource");
			}));
	}

	@Test
	void productionProfilesCanBeNamed() {
		assertThatExceptionOfType(InvalidIdentityConfigurationException.class)
			.isThrownBy(() -> run("--identity.dev-provider.enabled=true", "--identity.dev-provider.port=0",
					"--identity.dev-provider.production-profiles=live", "--spring.profiles.active=live"));
	}

	@Test
	void portInUseNamesThePortProperty() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatExceptionOfType(InvalidIdentityConfigurationException.class)
				.isThrownBy(() -> run("--identity.dev-provider.enabled=true",
						"--identity.dev-provider.port=" + taken.getLocalPort()))
				.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
					.satisfies((problem) -> assertThat(problem.property()).isEqualTo("identity.dev-provider.port")));
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run(args);
	}

	private static String adminToken(String issuer) throws Exception {
		String credentials = DemoAccounts.ADMIN_CLIENT_ID + ":" + DemoAccounts.ADMIN_CLIENT_SECRET;
		HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + DevelopmentProvider.TOKEN_PATH))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body()).path("access_token").asString();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RestClientAutoConfiguration.class, IdentityAutoConfiguration.class })
	static class Application {

	}

	@Configuration(proxyBeanMethods = false)
	@PropertySource("classpath:dev/identity/devprovider/issuer.properties")
	static class IssuerFromPropertySource {

	}

}
