package dev.identity.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenID provider in the test JVM that signs tokens and publishes what validates them:
 * an RSA-2048 key generated at start, the discovery document at
 * {@code /.well-known/openid-configuration} and the JWK set at {@code /jwks}, served on a
 * random port of {@code 127.0.0.1} (loopback, so the starter accepts plain HTTP without
 * any setting). It issues nothing over HTTP: tokens are minted in the test with
 * {@link #token()}.
 * <p>
 * Tests annotated with {@link LocalIssuer @LocalIssuer} get one started for them. Without
 * Spring or JUnit: <pre>
 * try (TestIssuer issuer = TestIssuer.start()) {
 *     String token = issuer.token().subject("alice").roles("admin").encode();
 *     // validate it against issuer.issuerUri()
 * }
 * </pre>
 */
public final class TestIssuer implements AutoCloseable {

	private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

	private static final String JWKS_PATH = "/jwks";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final RSAKey key;

	private final HttpServer server;

	private final ExecutorService executor;

	private final String issuer;

	private final byte[] discovery;

	private final byte[] jwks;

	private TestIssuer(RSAKey key, HttpServer server, ExecutorService executor) {
		this.key = key;
		this.server = server;
		this.executor = executor;
		this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", this.issuer);
		metadata.put("jwks_uri", this.issuer + JWKS_PATH);
		metadata.put("response_types_supported", List.of("code"));
		metadata.put("subject_types_supported", List.of("public"));
		metadata.put("id_token_signing_alg_values_supported", List.of(JWSAlgorithm.RS256.getName()));
		this.discovery = json.writeValueAsBytes(metadata);
		// JWKSet.toString() writes the public keys only.
		this.jwks = new JWKSet(key).toString().getBytes(StandardCharsets.UTF_8);
		server.createContext("/", this::serve);
		server.start();
	}

	/**
	 * Generate a key and start serving on a random loopback port.
	 * @return the running issuer; close it when done
	 */
	public static TestIssuer start() {
		RSAKey key;
		try {
			key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint(true)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate the local issuer's RSA key", ex);
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("local-issuer-");
		threads.setDaemon(true);
		ExecutorService executor = Executors.newFixedThreadPool(2, threads);
		try {
			HttpServer server = HttpServer
				.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }), 0), 0);
			server.setExecutor(executor);
			return new TestIssuer(key, server, executor);
		}
		catch (IOException ex) {
			executor.shutdownNow();
			throw new UncheckedIOException("Could not start the local issuer on 127.0.0.1", ex);
		}
	}

	/**
	 * The issuer identifier, {@code http://127.0.0.1:<port>}: the value of
	 * {@code identity.issuer-uri} and of the tokens' {@code iss}.
	 * @return the issuer identifier
	 */
	public String issuerUri() {
		return this.issuer;
	}

	/**
	 * Where the public keys are served.
	 * @return the JWK set URI
	 */
	public URI jwkSetUri() {
		return URI.create(this.issuer + JWKS_PATH);
	}

	/**
	 * The {@code kid} of the signing key.
	 * @return the key id
	 */
	public String keyId() {
		return Objects.requireNonNull(this.key.getKeyID(), "generated with a key id");
	}

	/**
	 * A token of this issuer with the generic claim names and no audience; inside a test
	 * annotated with {@link LocalIssuer @LocalIssuer}, {@link TestTokens#token()} also
	 * applies the application's audience and claim names.
	 * @return a token builder, signed by {@link TestToken#encode()}
	 */
	public TestToken token() {
		return new TestToken(this, Clock.systemUTC());
	}

	/** Stop serving. */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Override
	public String toString() {
		return "TestIssuer[" + this.issuer + ", kid=" + keyId() + "]";
	}

	String sign(JWTClaimsSet claims, @Nullable String type) {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId())
			.type((type != null) ? new JOSEObjectType(type) : null)
			.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new RSASSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a token with the local issuer's key", ex);
		}
		return jwt.serialize();
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			byte[] body = DISCOVERY_PATH.equals(path) ? this.discovery : JWKS_PATH.equals(path) ? this.jwks : null;
			if (!"GET".equals(exchange.getRequestMethod()) || body == null) {
				exchange.sendResponseHeaders((body == null) ? 404 : 405, -1);
				return;
			}
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

}
