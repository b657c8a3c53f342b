package dev.identity.testprovider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.identity.devprovider.DevelopmentProvider;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real OpenID provider for tests: identity-dev-provider's {@link DevelopmentProvider}
 * (Spring Authorization Server on {@code 127.0.0.1}) on a random port, in the test's JVM,
 * with one client and one user. This module's tests compile that module's sources (a
 * dependency on it would be a cycle: it depends on this one). It signs RS256 access
 * tokens whose {@code aud} is the client id, serves discovery and the JWK set, lets a
 * test rotate and withdraw signing keys at a chosen moment, and counts the requests it
 * serves on the endpoints a client is expected to cache.
 * <p>
 * Logging is shared with the application under test: the provider leaves the log pattern
 * alone and only sets a few servlet-container loggers to WARN. <pre>
 * try (TestProvider provider = TestProvider.start()) {
 *     String token = provider.clientCredentialsToken();
 *     // validate it against provider.issuer()
 * }
 * </pre>
 */
public final class TestProvider implements AutoCloseable {

	/**
	 * The registered client: client_credentials, authorization_code (PKCE required, no
	 * consent screen) and refresh_token; authenticates with client_secret_basic or
	 * client_secret_post.
	 */
	public static final String CLIENT_ID = "test-client";

	public static final String CLIENT_SECRET = "test-secret";

	/** The in-memory user for browser logins. */
	public static final String USERNAME = "alice", PASSWORD = "alice-password";

	/**
	 * The registered redirect URI; loopback redirect URIs match on any port (RFC 8252
	 * §7.3).
	 */
	public static final String REDIRECT_URI = "http://127.0.0.1/login/oauth2/code/test";

	/**
	 * The same redirect URI over HTTPS, also registered: an application behind a proxy
	 * that terminates TLS.
	 */
	public static final String HTTPS_REDIRECT_URI = "https://127.0.0.1/login/oauth2/code/test";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> CONTAINER_LOGGERS = List.of("org.apache.catalina", "org.apache.coyote",
			"org.apache.tomcat", "org.springframework.boot.tomcat", "org.springframework.boot.web",
			"org.springframework.web.servlet.DispatcherServlet",
			"org.springframework.security.config.annotation.authentication.configuration.InitializeUserDetailsBeanManagerConfigurer");

	private final DevelopmentProvider provider;

	private final String issuer;

	private final RequestCounts counts;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private TestProvider(DevelopmentProvider provider, RequestCounts counts) {
		this.provider = provider;
		this.issuer = provider.issuer();
		this.counts = counts;
	}

	/**
	 * Start a provider.
	 * @return the running provider; close it when done
	 */
	public static TestProvider start() {
		return start(0);
	}

	/**
	 * Start a provider on a given port, for a test that points an application at it
	 * before it runs.
	 * @param port the port, or {@code 0} for a free one
	 * @return the running provider; close it when done
	 */
	public static TestProvider start(int port) {
		// The provider shares the logging system of the application under test; a few
		// container loggers,
		// shared with it, stay at WARN.
		LoggingSystem logging = LoggingSystem.get(TestProvider.class.getClassLoader());
		CONTAINER_LOGGERS.forEach((logger) -> logging.setLogLevel(logger, LogLevel.WARN));
		RequestCounts counts = new RequestCounts();
		DevelopmentProvider provider = DevelopmentProvider.builder()
			.client(new DevelopmentProvider.Client(CLIENT_ID, CLIENT_SECRET, Set.of("read", "write"), Map.of(), true))
			.user(new DevelopmentProvider.User(USERNAME, PASSWORD, Map.of(), Map.of()))
			.redirectUri(REDIRECT_URI)
			.redirectUri(HTTPS_REDIRECT_URI)
			.postLogoutRedirectUri("http://127.0.0.1/")
			.port(port)
			.initializer((context) -> {
				FilterRegistrationBean<RequestCounts> registration = new FilterRegistrationBean<>(counts);
				registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
				context.getBeanFactory().registerSingleton("testProviderRequestCounts", registration);
			})
			.start();
		return new TestProvider(provider, counts);
	}

	/**
	 * The issuer, {@code http://127.0.0.1:<port>}, exactly as in the discovery document
	 * and the tokens' {@code iss}.
	 */
	public String issuer() {
		return this.issuer;
	}

	/**
	 * A fresh access token for {@link #CLIENT_ID} with scope {@code read}, from the token
	 * endpoint.
	 * @return the compact JWS
	 */
	public String clientCredentialsToken() {
		return clientCredentialsToken("read");
	}

	/**
	 * A fresh access token for {@link #CLIENT_ID} from the token endpoint.
	 * @param scope space-separated scopes, or {@code null} or empty to request none
	 * @return the compact JWS
	 * @throws IllegalStateException when the provider does not issue one
	 */
	public String clientCredentialsToken(String scope) {
		String form = "grant_type=client_credentials";
		if (scope != null && !scope.isBlank()) {
			form += "&scope=" + formEncode(scope);
		}
		// client_secret_basic form-encodes both parts before joining them (RFC 6749
		// §2.3.1).
		String credentials = formEncode(CLIENT_ID) + ":" + formEncode(CLIENT_SECRET);
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.issuer + DevelopmentProvider.TOKEN_PATH))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		HttpResponse<String> response = send(request);
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"token endpoint answered HTTP " + response.statusCode() + ": " + response.body());
		}
		JsonNode token = json.readTree(response.body()).path("access_token");
		if (!token.isString() || token.asString().isEmpty()) {
			throw new IllegalStateException("token response has no access_token");
		}
		return token.asString();
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("token request to " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while requesting a token", ex);
		}
	}

	private static String formEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** The {@code kid} of the key that signs new tokens. */
	public String currentKeyId() {
		return this.provider.currentKeyId();
	}

	/**
	 * Generate an RSA-2048 key, publish it and sign new tokens with it. Keys published
	 * before stay published.
	 * @return the new key's {@code kid}
	 */
	public String rotateKey() {
		return this.provider.rotateKey();
	}

	/**
	 * Withdraw a key from the JWK set. Tokens it signed stop validating once a client
	 * refetches the set.
	 * @param kid the key's id
	 * @throws IllegalArgumentException when no published key has this id
	 * @throws IllegalStateException when it is the key that signs new tokens (rotate
	 * first)
	 */
	public void removeKey(String kid) {
		this.provider.removeKey(kid);
	}

	/**
	 * {@code GET /.well-known/openid-configuration} requests served since start or the
	 * last reset.
	 */
	public int discoveryRequests() {
		return this.counts.discovery.get();
	}

	/** {@code GET} requests of the JWK set served since start or the last reset. */
	public int jwksRequests() {
		return this.counts.jwks.get();
	}

	/** {@code POST /oauth2/token} requests served since start or the last reset. */
	public int tokenRequests() {
		return this.counts.token.get();
	}

	/** Set every request count back to zero. */
	public void resetCounts() {
		this.counts.reset();
	}

	/** Stop the server. */
	@Override
	public void close() {
		this.provider.close();
	}

	@Override
	public String toString() {
		return "TestProvider[" + this.issuer + "]";
	}

}
