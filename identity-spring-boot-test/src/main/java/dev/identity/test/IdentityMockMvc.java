package dev.identity.test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * MockMvc requests with a bearer token, for static import: <pre>
 * mvc.perform(get("/api/notes").with(bearer(token().permissions("notes:read"))))
 * </pre>
 */
public final class IdentityMockMvc {

	private IdentityMockMvc() {
	}

	/**
	 * Send the token, signed when the request is built, as
	 * {@code Authorization: Bearer ...}.
	 * @param token the token
	 * @return the request post-processor
	 */
	public static RequestPostProcessor bearer(TestToken token) {
		Headers.required(token);
		return (request) -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, Headers.bearer(token.encode()));
			return request;
		};
	}

	/**
	 * Send an encoded token as {@code Authorization: Bearer ...}, e.g. one altered for a
	 * negative test.
	 * @param token the compact token
	 * @return the request post-processor
	 */
	public static RequestPostProcessor bearer(String token) {
		String value = Headers.bearer(token);
		return (request) -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, value);
			return request;
		};
	}

}
