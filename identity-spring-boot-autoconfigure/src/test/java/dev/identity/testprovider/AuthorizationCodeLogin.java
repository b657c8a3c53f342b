package dev.identity.testprovider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import dev.identity.browser.Browser;
import dev.identity.devprovider.DevelopmentProvider;
import dev.identity.login.internal.Pkce;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs a user in at a development provider through the authorization-code flow with
 * PKCE, as a confidential client would, and returns the provider's token response: the
 * way a test obtains a real ID token.
 */
public final class AuthorizationCodeLogin {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final SecureRandom random = new SecureRandom();

	private AuthorizationCodeLogin() {
	}

	/**
	 * Sign in and exchange the code.
	 * @param issuer the provider's issuer
	 * @param clientId a client allowed to log users in
	 * @param secret its secret
	 * @param redirectUri a redirect URI registered for it (loopback: any port)
	 * @param username the user
	 * @param password the user's password
	 * @return the token response, with {@code id_token} and {@code access_token}
	 */
	public static JsonNode tokens(String issuer, String clientId, String secret, String redirectUri, String username,
			String password) {
		String verifier = Pkce.newVerifier(random);
		URI authorization = URI.create(issuer + "/oauth2/authorize?response_type=code&client_id=" + encode(clientId)
				+ "&redirect_uri=" + encode(redirectUri) + "&scope=openid%20profile&state=test-state&nonce=test-nonce"
				+ "&code_challenge=" + Pkce.challenge(verifier) + "&code_challenge_method=" + Pkce.METHOD);
		URI callback = new Browser().authorize(authorization, username, password);
		String code = Browser.query(callback).get("code");
		assertThat(code).as("authorization code in %s", callback).isNotBlank();
		String credentials = encode(clientId) + ":" + encode(secret);
		HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + DevelopmentProvider.TOKEN_PATH))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + encode(code)
					+ "&redirect_uri=" + encode(redirectUri) + "&code_verifier=" + encode(verifier)))
			.build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("token response %s", response.body()).isEqualTo(200);
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
