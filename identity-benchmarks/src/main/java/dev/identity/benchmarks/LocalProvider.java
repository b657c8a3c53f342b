package dev.identity.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal OpenID provider on the loopback interface, for the clients' discovery and JWK
 * set fetches during setup: {@code /.well-known/openid-configuration} (its own base URL
 * as issuer) and {@code /jwks}, both cacheable for a day.
 * <p>
 * It keeps running while the benchmark measures, so that a refresh, should one happen,
 * would find it; {@link #requests()} tells whether one did.
 */
final class LocalProvider implements AutoCloseable {

	private final HttpServer server;

	private final String issuer;

	private final AtomicInteger requests = new AtomicInteger();

	private volatile String jwks = "{\"keys\":[]}";

	private LocalProvider(HttpServer server) {
		this.server = server;
		this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
		server.createContext("/.well-known/openid-configuration", (exchange) -> respond(exchange, discovery()));
		server.createContext("/jwks", (exchange) -> respond(exchange, this.jwks));
	}

	/**
	 * Start a provider on a free port of 127.0.0.1.
	 * @return the running provider
	 * @throws IOException when no port can be bound
	 */
	static LocalProvider start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		LocalProvider provider = new LocalProvider(server);
		server.start();
		return provider;
	}

	/** The issuer identifier: {@code http://127.0.0.1:<port>}. */
	String issuer() {
		return this.issuer;
	}

	/**
	 * Publish the provider's public keys.
	 * @param keys the JWK set (public keys only)
	 */
	void publish(JWKSet keys) {
		this.jwks = keys.toString(true);
	}

	/** How many requests the provider has answered so far. */
	int requests() {
		return this.requests.get();
	}

	private String discovery() {
		return "{\"issuer\":\"" + this.issuer + "\",\"jwks_uri\":\"" + this.issuer + "/jwks\","
				+ "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
				+ "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]}";
	}

	private void respond(HttpExchange exchange, String json) throws IOException {
		this.requests.incrementAndGet();
		try {
			if (!"GET".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.getResponseHeaders().set("Cache-Control", "public, max-age=86400");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		finally {
			exchange.close();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
