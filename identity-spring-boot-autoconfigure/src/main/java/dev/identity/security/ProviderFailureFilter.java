package dev.identity.security;

import java.io.IOException;

import dev.identity.core.IdentityProviderException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 when the identity provider's failure escapes Spring Security's filter chain. With
 * {@code oauth2ResourceServer(...)}, a decoder or authorities converter that cannot reach the provider
 * ends in an {@code AuthenticationServiceException}, which Spring Security's bearer-token filter
 * rethrows: the servlet container would answer 500. Ordered just before the security filter chain
 * ({@code spring.security.filter.order}), so any chain the application declares is covered as it is.
 */
final class ProviderFailureFilter extends OncePerRequestFilter implements Ordered {

	private static final Log log = LogFactory.getLog(ProviderFailureFilter.class);

	private final ProviderFailures failures;

	private final int order;

	ProviderFailureFilter(ProviderFailures failures, int order) {
		this.failures = failures;
		this.order = order;
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
			if (log.isDebugEnabled()) {
				log.debug("Answered 503 to " + request.getRequestURI() + ": " + provider.getMessage());
			}
			ResponseEntity<byte[]> answer = this.failures.answer(provider);
			response.resetBuffer();
			response.setStatus(answer.getStatusCode().value());
			answer.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
			byte[] body = answer.getBody();
			if (body != null) {
				response.getOutputStream().write(body);
			}
		}
	}

}
