package dev.identity.testprovider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real OpenID provider for tests: Spring Authorization Server on {@code 127.0.0.1} and a random
 * port, in the test's JVM. It signs RS256 access tokens whose {@code aud} is the client id, serves
 * discovery and the JWK set, lets a test rotate and withdraw signing keys at a chosen moment, and
 * counts the requests it serves on the endpoints a client is expected to cache.
 * <p>
 * Logging is shared with the application under test: the provider leaves the log pattern alone and
 * only sets a few servlet-container loggers to WARN.
 * <pre>
 * try (TestProvider provider = TestProvider.start()) {
 *     String token = provider.clientCredentialsToken();
 *     // validate it against provider.issuer()
 * }
 * </pre>
 */
public final class TestProvider implements AutoCloseable {

	/**
	 * The registered client: client_credentials, authorization_code (PKCE required, no consent
	 * screen) and refresh_token; authenticates with client_secret_basic or client_secret_post.
	 */
	public static final String CLIENT_ID = "test-client";

	public static final String CLIENT_SECRET = "test-secret";

	/** The in-memory user for browser logins. */
	public static final String USERNAME = "alice", PASSWORD = "alice-password";

	private static final int START_ATTEMPTS = 5;

	private static final AtomicInteger instances = new AtomicInteger();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	private final String issuer;

	private final SigningKeys keys;

	private final RequestCounts counts;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private TestProvider(ConfigurableApplicationContext context, String issuer, SigningKeys keys, RequestCounts counts) {
		this.context = context;
		this.issuer = issuer;
		this.keys = keys;
		this.counts = counts;
	}

	/**
	 * Start a provider.
	 * @return the running provider; close it when done
	 */
	public static TestProvider start() {
		SigningKeys keys = new SigningKeys();
		RequestCounts counts = new RequestCounts();
		RuntimeException lastFailure = null;
		for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
			// The issuer, and so the port, must be known before the server starts: Spring Authorization
			// Server reads it when its filters are built. Another process may take the port in between.
			int port = freePort();
			String issuer = "http://127.0.0.1:" + port;
			try {
				ConfigurableApplicationContext context = run(port, issuer, keys, counts);
				// The first key was generated while the server started; a started provider can sign.
				keys.activeKeyId();
				return new TestProvider(context, issuer, keys, counts);
			}
			catch (RuntimeException ex) {
				if (!causedByPortInUse(ex)) {
					throw ex;
				}
				lastFailure = ex;
			}
		}
		throw new IllegalStateException("no free port for the test provider after " + START_ATTEMPTS + " attempts",
				lastFailure);
	}

	private static ConfigurableApplicationContext run(int port, String issuer, SigningKeys keys, RequestCounts counts) {
		int instance = instances.incrementAndGet();
		// Command-line arguments outrank system properties and environment variables, so nothing set
		// for the application under test (server.port, web application type...) leaks into the provider.
		List<String> args = new ArrayList<>(List.of("--" + TestProviderConfiguration.MARKER + "=true",
				"--" + TestProviderConfiguration.ISSUER + "=" + issuer, "--server.address=127.0.0.1",
				"--server.port=" + port, "--server.shutdown=immediate", "--server.tomcat.threads.min-spare=2",
				"--spring.application.name=identity-test-provider-" + instance,
				// No application.yml of the application under test is read.
				"--spring.config.name=identity-test-provider", "--spring.main.web-application-type=servlet",
				"--spring.main.banner-mode=off", "--spring.main.log-startup-info=false",
				"--spring.jmx.enabled=false"));
		// Boot's logging is set up once per JVM: the application under test keeps its own name in the log
		// lines, and a few container loggers, shared with it, stay at WARN.
		args.add("--logging.include-application-name=false");
		for (String logger : List.of("org.apache.catalina", "org.apache.coyote", "org.apache.tomcat",
				"org.springframework.boot.tomcat", "org.springframework.boot.web",
				"org.springframework.web.servlet.DispatcherServlet",
				"org.springframework.security.config.annotation.authentication.configuration.InitializeUserDetailsBeanManagerConfigurer")) {
			args.add("--logging.level." + logger + "=warn");
		}
		return new SpringApplicationBuilder(TestProviderConfiguration.class).web(WebApplicationType.SERVLET)
			.initializers((context) -> {
				context.getBeanFactory().registerSingleton("testProviderSigningKeys", keys);
				context.getBeanFactory().registerSingleton("testProviderRequestCounts", counts);
			})
			.run(args.toArray(String[]::new));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot find a free port", ex);
		}
	}

	private static boolean causedByPortInUse(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof PortInUseException || cause instanceof BindException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The issuer, {@code http://127.0.0.1:<port>}, exactly as in the discovery document and the
	 * tokens' {@code iss}.
	 */
	public String issuer() {
		return this.issuer;
	}

	/**
	 * A fresh access token for {@link #CLIENT_ID} with scope {@code read}, from the token endpoint.
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
		// client_secret_basic form-encodes both parts before joining them (RFC 6749 §2.3.1).
		String credentials = formEncode(CLIENT_ID) + ":" + formEncode(CLIENT_SECRET);
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.issuer + RequestCounts.TOKEN_PATH))
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
		return this.keys.activeKeyId();
	}

	/**
	 * Generate an RSA-2048 key, publish it and sign new tokens with it. Keys published before stay
	 * published.
	 * @return the new key's {@code kid}
	 */
	public String rotateKey() {
		return this.keys.rotate();
	}

	/**
	 * Withdraw a key from the JWK set. Tokens it signed stop validating once a client refetches the set.
	 * @param kid the key's id
	 * @throws IllegalArgumentException when no published key has this id
	 * @throws IllegalStateException when it is the key that signs new tokens (rotate first)
	 */
	public void removeKey(String kid) {
		this.keys.remove(kid);
	}

	/** {@code GET /.well-known/openid-configuration} requests served since start or the last reset. */
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
		this.context.close();
	}

	@Override
	public String toString() {
		return "TestProvider[" + this.issuer + "]";
	}

}
