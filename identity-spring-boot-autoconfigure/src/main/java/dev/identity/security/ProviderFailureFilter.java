package dev.identity.security;

import java.io.IOException;
import java.util.List;

import dev.identity.core.IdentityProviderException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 when the identity provider's failure escapes Spring Security's filter
 * chain. With {@code oauth2ResourceServer(...)}, a decoder or authorities converter that
 * cannot reach the provider ends in an {@code AuthenticationServiceException}, which
 * Spring Security's bearer-token filter rethrows: the servlet container would answer 500.
 * Ordered just before the security filter chain ({@code spring.security.filter.order}),
 * so any chain the application declares is covered as it is. Any other exception, a
 * provider failure the application's own code let escape included, passes on untouched to
 * the application's error handling.
 */
final class ProviderFailureFilter extends OncePerRequestFilter implements Ordered {

	/**
	 * Headers that describe a body written before the failure, not the answer that
	 * replaces it.
	 */
	private static final List<String> BODY_HEADERS = List.of(HttpHeaders.CONTENT_DISPOSITION,
			HttpHeaders.CONTENT_ENCODING, HttpHeaders.CONTENT_RANGE);

	private final ProviderFailures failures;

	private final int order;

	ProviderFailureFilter(ProviderFailures failures, int order) {
		this.failures = failures;
		this.order = order;
	}

	/**
	 * The order just before a filter's, saturating: none comes before
	 * {@link Integer#MIN_VALUE}, so a security filter chain at that order ties with this
	 * filter (documented).
	 * @param securityOrder the order of Spring Security's filter chain
	 * @return the order of this filter
	 */
	static int orderBefore(int securityOrder) {
		return (securityOrder == Integer.MIN_VALUE) ? Integer.MIN_VALUE : securityOrder - 1;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			IdentityProviderException provider = ProviderFailures.cause(ex);
			if (provider == null || response.isCommitted()) {
				throw ex;
			}
			ResponseEntity<byte[]> answer = this.failures.answer(request.getMethod() + " " + request.getRequestURI(),
					provider);
			try {
				write(answer, response);
			}
			catch (IOException | IllegalStateException writeFailure) {
				// The output was taken as a writer, or is gone: the original failure is
				// what to report.
				ex.addSuppressed(writeFailure);
				throw ex;
			}
		}
	}

	private static void write(ResponseEntity<byte[]> answer, HttpServletResponse response) throws IOException {
		byte[] body = (answer.getBody() != null) ? answer.getBody() : new byte[0];
		response.resetBuffer();
		response.setStatus(answer.getStatusCode().value());
		for (String header : BODY_HEADERS) {
			if (response.containsHeader(header)) {
				// Servlet 6.1: a null value removes the header.
				response.setHeader(header, null);
			}
		}
		answer.getHeaders().forEach((name, values) -> {
			response.setHeader(name, values.get(0));
			values.stream().skip(1).forEach((value) -> response.addHeader(name, value));
		});
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
