package dev.identity.testprovider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The samples' API contract, run against each sample booted on a random port with the embedded
 * provider: {@code GET /api/public} open, {@code GET /api/me} with a real token 200, otherwise 401
 * with an RFC 6750 challenge. A sample's test class extends this one and adds its
 * {@code @SpringBootTest}.
 */
public abstract class SampleApiContractTests {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static TestProvider provider;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startProvider() {
		provider = TestProvider.start();
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@DynamicPropertySource
	static void identityProperties(DynamicPropertyRegistry registry) {
		registry.add("identity.issuer-uri", () -> provider.issuer());
		registry.add("identity.audiences", () -> TestProvider.CLIENT_ID);
	}

	@Test
	void publicNeedsNoToken() throws Exception {
		HttpResponse<String> response = get("/api/public", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(json.readTree(response.body()).isObject()).isTrue();
	}

	@Test
	void meWithTokenOfTheProviderAnswersItsClaims() throws Exception {
		HttpResponse<String> response = get("/api/me", "Bearer " + provider.clientCredentialsToken());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("sub").asString()).isEqualTo(TestProvider.CLIENT_ID);
		assertThat(body.path("iss").asString()).isEqualTo(provider.issuer());
		assertThat(body.path("claims").path("iss").asString()).isEqualTo(provider.issuer());
		assertThat(body.path("claims").path("aud").toString()).contains(TestProvider.CLIENT_ID);
		assertThat(body.path("claims").path("exp").isNumber()).isTrue();
	}

	@Test
	void meWithTamperedTokenIsUnauthorized() throws Exception {
		HttpResponse<String> response = get("/api/me", "Bearer " + tamper(provider.clientCredentialsToken()));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
	}

	@Test
	void meWithoutTokenIsUnauthorized() throws Exception {
		HttpResponse<String> response = get("/api/me", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
	}

	@Test
	void meWithAnotherSchemeIsUnauthorized() throws Exception {
		HttpResponse<String> response = get("/api/me", "Basic dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQ=");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
	}

	/** The same token with one character of its payload changed. */
	private static String tamper(String token) {
		int position = token.indexOf('.') + 10;
		char replacement = (token.charAt(position) == 'A') ? 'B' : 'A';
		return token.substring(0, position) + replacement + token.substring(position + 1);
	}

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
