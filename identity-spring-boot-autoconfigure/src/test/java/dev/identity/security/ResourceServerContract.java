package dev.identity.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.identity.core.IdentityProviderException;
import dev.identity.devprovider.DevelopmentProvider;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's resource server ({@code oauth2ResourceServer(o -> o.jwt(...))}) on
 * the engine's decoder and authorities converter, in a real application on a real server
 * against the real provider: an invalid token is 401 naming the failed kind of check, a
 * provider failure 503, never 500, whether the decoder or the converter meets it. The
 * application declares its own {@code SecurityFilterChain}; a subclass gives the stack.
 */
public abstract class ResourceServerContract {

	private static final String AUDIENCE = "orders-api";

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@RegisterExtension
	protected static final TestProviderExtension provider = new TestProviderExtension();

	/**
	 * Start the stack's application on a random port of 127.0.0.1: the identity
	 * auto-configuration, Spring Security with the application's own chain (every request
	 * authenticated by the resource server), and {@link SecuredController}.
	 * @param arguments command-line arguments, {@code --name=value}
	 * @param ownDecoder whether the application declares its own decoder (Spring
	 * Security's Nimbus decoder on the provider's JWK set, at {@code --test.jwk-set-uri})
	 * instead of the engine's, so that only the authorities converter goes through the
	 * engine
	 * @return the running application
	 */
	protected abstract ConfigurableApplicationContext start(List<String> arguments, boolean ownDecoder);

	private Answer get(List<String> more, boolean ownDecoder, @Nullable String authorization) throws Exception {
		return get("/secured", more, ownDecoder, authorization);
	}

	private Answer get(String path, List<String> more, boolean ownDecoder, @Nullable String authorization)
			throws Exception {
		// Repeated command-line arguments would be joined into a list: a later one
		// replaces an earlier one.
		Map<String, String> arguments = new LinkedHashMap<>();
		for (String argument : concat(List.of("--identity.issuer-uri=" + provider.issuer(),
				"--identity.audiences=" + TestProvider.CLIENT_ID, "--identity.http.max-attempts=1",
				"--test.jwk-set-uri=" + provider.issuer() + DevelopmentProvider.JWKS_PATH), more)) {
			arguments.put(argument.substring(0, argument.indexOf('=')), argument);
		}
		try (ConfigurableApplicationContext application = start(List.copyOf(arguments.values()), ownDecoder)) {
			String port = application.getEnvironment().getProperty("local.server.port");
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30));
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().firstValue("WWW-Authenticate").orElse(null),
					response.body());
		}
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	@Test
	void resourceServerWhenValidTokenThenAuthenticatedWithMappedAuthorities() throws Exception {
		Answer answer = get(List.of(), false, "Bearer " + provider.clientCredentialsToken("read"));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).startsWith(TestProvider.CLIENT_ID + " [").contains("SCOPE_read");
	}

	@Test
	void decoderWhenTokenInvalidThenUnauthorizedNamingTheKind() throws Exception {
		String token = provider.clientCredentialsToken("read");
		String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
		Answer answer = get(List.of(), false, "Bearer " + tampered);
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.challenge()).contains("error=\"invalid_token\"")
			.contains("error_description=\"the token's signature is invalid\"");
	}

	@Test
	void decoderWhenAudienceOrAlgorithmRefusedThenUnauthorizedWithoutConfiguredValues() throws Exception {
		String token = "Bearer " + provider.clientCredentialsToken("read");
		Answer audience = get(List.of("--identity.audiences=" + AUDIENCE), false, token);
		assertThat(audience.status()).isEqualTo(401);
		assertThat(audience.challenge()).contains("audience").doesNotContain(AUDIENCE);
		Answer algorithm = get(List.of("--identity.algorithms=ES256"), false, token);
		assertThat(algorithm.status()).isEqualTo(401);
		assertThat(algorithm.challenge()).contains("algorithm").doesNotContain("ES256").doesNotContain("RS256");
		for (Answer answer : List.of(audience, algorithm)) {
			assertThat(answer.challenge() + answer.body()).doesNotContain(provider.issuer())
				.doesNotContain("identity.")
				.doesNotContain(TestProvider.CLIENT_ID);
		}
	}

	@Test
	void decoderWhenProviderUnreachableThenServiceUnavailable() throws Exception {
		Answer answer = get(List.of("--identity.issuer-uri=http://127.0.0.1:1"), false,
				"Bearer " + provider.clientCredentialsToken("read"));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
		assertThat(answer.challenge()).isNull();
		assertThat(answer.body()).contains("\"error\":\"temporarily_unavailable\"").doesNotContain("127.0.0.1");
	}

	@Test
	void converterWhenEngineRejectsTokenThenUnauthorizedNotServerError() throws Exception {
		// The application's own decoder accepts the token; the engine, behind the
		// authorities converter,
		// does not (another audience).
		Answer answer = get(List.of("--identity.audiences=" + AUDIENCE), true,
				"Bearer " + provider.clientCredentialsToken("read"));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
		assertThat(answer.challenge()).contains("error=\"invalid_token\"")
			.contains("audience")
			.doesNotContain(AUDIENCE);
	}

	@Test
	void converterWhenProviderUnreachableThenServiceUnavailableNotServerError() throws Exception {
		Answer answer = get(List.of("--identity.issuer-uri=http://127.0.0.1:1"), true,
				"Bearer " + provider.clientCredentialsToken("read"));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
		assertThat(answer.body()).contains("temporarily_unavailable");
	}

	@Test
	void controllerWhenItsOwnProviderFailureEscapesThenApplicationErrorHandling() throws Exception {
		// Not a failure of Spring Security's authentication: the provider is fine, the
		// request valid.
		Answer answer = get("/secured/provider-failure", List.of(), false,
				"Bearer " + provider.clientCredentialsToken("read"));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(500);
		assertThat(answer.body()).doesNotContain("temporarily_unavailable").contains("\"status\":500");
	}

	/**
	 * An answer of the application.
	 *
	 * @param status the status code
	 * @param challenge the {@code WWW-Authenticate} header, or {@code null}
	 * @param body the body
	 */
	record Answer(int status, @Nullable String challenge, String body) {
	}

	/** The one endpoint: who the request authenticated as, with which authorities. */
	@RestController
	public static class SecuredController {

		@GetMapping("/secured")
		public String secured(Authentication authentication) {
			return authentication.getName() + " " + authentication.getAuthorities();
		}

		/**
		 * A provider failure of the application's own, as a client-credentials or
		 * UserInfo call raises.
		 */
		@GetMapping("/secured/provider-failure")
		public String providerFailure() {
			throw new IdentityProviderException("token", URI.create("http://127.0.0.1:1/token"), "connection refused");
		}

	}

}
