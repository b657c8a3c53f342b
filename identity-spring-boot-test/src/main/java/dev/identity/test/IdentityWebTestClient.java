package dev.identity.test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;

/**
 * WebTestClient requests with a bearer token, for static import: <pre>
 * client.mutateWith(bearer(token().permissions("notes:read"))).get().uri("/api/notes").exchange()
 * </pre>
 */
public final class IdentityWebTestClient {

	private IdentityWebTestClient() {
	}

	/**
	 * A client that sends the token, signed when the client is mutated, as
	 * {@code Authorization: Bearer ...} on every request.
	 * @param token the token
	 * @return the configurer for {@code WebTestClient.mutateWith}
	 */
	public static WebTestClientConfigurer bearer(TestToken token) {
		Headers.required(token);
		return (builder, httpHandlerBuilder, connector) -> builder.defaultHeader(HttpHeaders.AUTHORIZATION,
				Headers.bearer(token.encode()));
	}

	/**
	 * A client that sends an encoded token as {@code Authorization: Bearer ...}, e.g. one
	 * altered for a negative test.
	 * @param token the compact token
	 * @return the configurer for {@code WebTestClient.mutateWith}
	 */
	public static WebTestClientConfigurer bearer(String token) {
		String value = Headers.bearer(token);
		return (builder, httpHandlerBuilder, connector) -> builder.defaultHeader(HttpHeaders.AUTHORIZATION, value);
	}

}
