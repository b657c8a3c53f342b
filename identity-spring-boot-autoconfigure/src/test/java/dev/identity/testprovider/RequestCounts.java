package dev.identity.testprovider;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.identity.devprovider.DevelopmentProvider;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Counts the requests the provider serves on the endpoints a client caches. It runs
 * before Spring Security (whose endpoint filters answer without calling the rest of the
 * chain) and counts on the way in, so a count is up to date by the time the client has
 * read the response.
 */
final class RequestCounts implements Filter {

	final AtomicInteger discovery = new AtomicInteger();

	final AtomicInteger jwks = new AtomicInteger();

	final AtomicInteger token = new AtomicInteger();

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest http) {
			String method = http.getMethod();
			String path = http.getRequestURI();
			if ("GET".equals(method) && DevelopmentProvider.DISCOVERY_PATH.equals(path)) {
				this.discovery.incrementAndGet();
			}
			else if ("GET".equals(method) && DevelopmentProvider.JWKS_PATH.equals(path)) {
				this.jwks.incrementAndGet();
			}
			else if ("POST".equals(method) && DevelopmentProvider.TOKEN_PATH.equals(path)) {
				this.token.incrementAndGet();
			}
		}
		chain.doFilter(request, response);
	}

	void reset() {
		this.discovery.set(0);
		this.jwks.set(0);
		this.token.set(0);
	}

}
