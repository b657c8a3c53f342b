package dev.identity.testprovider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sample run unchanged with two issuers given as {@code identity.issuers.a.issuer-uri}
 * and {@code identity.issuers.b.issuer-uri}: {@code /api/me} accepts the tokens of both
 * providers, each verified by its own issuer, and refuses a third provider's token
 * without asking it anything. A sample's test class extends this one and adds its
 * {@code @SpringBootTest}.
 */
public abstract class SampleWithTwoIssuersTests {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static TestProvider a;

	private static TestProvider b;

	private static TestProvider unconfigured;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startProviders() {
		a = TestProvider.start();
		b = TestProvider.start();
		unconfigured = TestProvider.start();
	}

	@AfterAll
	static void stopProviders() {
		a.close();
		b.close();
		unconfigured.close();
	}

	@DynamicPropertySource
	static void issuers(DynamicPropertyRegistry registry) {
		registry.add("identity.issuers.a.issuer-uri", () -> a.issuer());
		registry.add("identity.issuers.b.issuer-uri", () -> b.issuer());
	}

	@Test
	void meWhenTokensOfEitherIssuerThenBothAccepted() throws Exception {
		for (TestProvider provider : new TestProvider[] { a, b }) {
			HttpResponse<String> response = get("/api/me", provider.clientCredentialsToken());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonMapper.builder().build().readTree(response.body()).path("iss").asString())
				.isEqualTo(provider.issuer());
		}
	}

	@Test
	void meWhenTokenOfAnUnconfiguredIssuerThenUnauthorizedWithoutARequestToIt() throws Exception {
		String token = unconfigured.clientCredentialsToken();
		unconfigured.resetCounts();
		HttpResponse<String> response = get("/api/me", token);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
		assertThat(unconfigured.discoveryRequests() + unconfigured.jwksRequests()).isZero();
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
