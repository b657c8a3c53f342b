package dev.identity.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import dev.identity.core.IdentityProviderException;
import dev.identity.web.BearerTokenAccessException;
import dev.identity.web.BearerTokenAccessExceptionHandler;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the servlet filter writes its 503 over a response that earlier filters began: the
 * answer's headers replace theirs, the body's length is the answer's, and a response it
 * cannot write to leaves the original failure to the container.
 */
class ProviderFailureFilterTests {

	private static final IdentityProviderException PROVIDER_DOWN = new IdentityProviderException("jwks",
			URI.create("http://127.0.0.1:1/jwks"), "connection refused");

	/**
	 * Answers as the starter's handler does, and says it must not be cached, as an
	 * application might.
	 */
	private final ProviderFailureFilter filter = new ProviderFailureFilter(
			new ProviderFailures(new BearerTokenAccessExceptionHandler() {

				@Override
				public ResponseEntity<byte[]> handle(BearerTokenAccessException exception) {
					ResponseEntity<byte[]> answer = super.handle(exception);
					return ResponseEntity.status(answer.getStatusCode())
						.headers(answer.getHeaders())
						.header(HttpHeaders.CACHE_CONTROL, "no-store")
						.body(answer.getBody());
				}

			}), -101);

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void filterWhenAuthenticationFailedOnTheProviderAfterHeadersWereSetThenAnswerReplacesThem() throws Exception {
		this.filter.doFilter(this.request, this.response, (request, response) -> {
			MockHttpServletResponse started = (MockHttpServletResponse) response;
			started.setHeader(HttpHeaders.CONTENT_LENGTH, "1234");
			started.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"orders.csv\"");
			started.setHeader(HttpHeaders.CACHE_CONTROL, "max-age=60");
			started.getOutputStream().write("id,total\n".getBytes(StandardCharsets.UTF_8));
			throw new AuthenticationServiceException("keys unavailable", PROVIDER_DOWN);
		});
		String body = this.response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(body).startsWith("{\"error\":\"temporarily_unavailable\"");
		assertThat(this.response.getContentLength()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
		assertThat(this.response.getHeaders(HttpHeaders.CACHE_CONTROL)).containsExactly("no-store");
		assertThat(this.response.containsHeader(HttpHeaders.CONTENT_DISPOSITION)).isFalse();
		assertThat(this.response.getContentType()).isEqualTo("application/json");
	}

	@Test
	void filterWhenResponseWasTakenAsWriterThenOriginalFailureRethrown() {
		AuthenticationServiceException failure = new AuthenticationServiceException("keys unavailable", PROVIDER_DOWN);
		FilterChain chain = (request, response) -> {
			response.getWriter().write("partial");
			// As servlet containers do: one response is written through a writer or a
			// stream, not both.
			((MockHttpServletResponse) response).setOutputStreamAccessAllowed(false);
			throw failure;
		};
		assertThatExceptionOfType(AuthenticationServiceException.class)
			.isThrownBy(() -> this.filter.doFilter(this.request, this.response, chain))
			.isSameAs(failure)
			.satisfies(
					(ex) -> assertThat(ex.getSuppressed()).singleElement().isInstanceOf(IllegalStateException.class));
	}

	@Test
	void filterWhenProviderFailureDidNotComeThroughAuthenticationThenPassedOn() {
		assertThatExceptionOfType(IdentityProviderException.class)
			.isThrownBy(() -> this.filter.doFilter(this.request, this.response, (request, response) -> {
				throw PROVIDER_DOWN;
			}))
			.isSameAs(PROVIDER_DOWN);
		assertThat(this.response.getStatus()).isEqualTo(200);
	}

}
