package dev.identity.browser.servlet;

import dev.identity.browser.ApplicationUrl;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads what the browser login needs from a servlet request.
 */
final class ServletRequests {

	private ServletRequests() {
	}

	/**
	 * Where the request reached the application. Scheme, host and port come from the request as the
	 * container and its filters present it: a {@code ForwardedHeaderFilter} or the server's own
	 * forwarded-header support has already applied what it trusts.
	 */
	static ApplicationUrl application(HttpServletRequest request) {
		return new ApplicationUrl(request.getScheme(), request.getServerName(), request.getServerPort(),
				request.getContextPath());
	}

	/** The request's path within the application, as received (percent-encoded). */
	static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
