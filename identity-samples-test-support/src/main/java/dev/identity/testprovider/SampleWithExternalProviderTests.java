package dev.identity.testprovider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sample pointed at another provider with the one property {@code identity.issuer-uri}:
 * it starts no development provider, accepts that provider's tokens, and still starts
 * without a client id (the browser login is then off). A sample's test class extends this
 * one and adds its {@code @SpringBootTest}.
 */
public abstract class SampleWithExternalProviderTests {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static TestProvider provider;

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableEnvironment environment;

	@BeforeAll
	static void startProvider() {
		provider = TestProvider.start();
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("identity.issuer-uri", () -> provider.issuer());
	}

	@Test
	void startsNoDevelopmentProvider() {
		assertThat(this.environment.getPropertySources().contains("identityDevelopmentProvider")).isFalse();
		assertThat(this.environment.getProperty("identity.client-id")).isNull();
	}

	@Test
	void acceptsTheConfiguredProvidersTokens() throws Exception {
		HttpResponse<String> response = get("/api/me", "Bearer " + provider.clientCredentialsToken());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JsonMapper.builder().build().readTree(response.body()).path("iss").asString())
			.isEqualTo(provider.issuer());
	}

	@Test
	void homePageSaysBrowserLoginNeedsAClientId() throws Exception {
		HttpResponse<String> response = get("/", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Browser login is off").contains("identity.client-id");
	}

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
