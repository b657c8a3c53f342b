package dev.identity.browser.servlet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.identity.browser.ApplicationUrl;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads what the browser login needs from a servlet request.
 */
final class ServletRequests {

	private ServletRequests() {
	}

	/**
	 * Where the request reached the application. Scheme, host and port come from the
	 * request as the container and its filters present it: a
	 * {@code ForwardedHeaderFilter} or the server's own forwarded-header support has
	 * already applied what it trusts.
	 */
	static ApplicationUrl application(HttpServletRequest request) {
		return new ApplicationUrl(request.getScheme(), request.getServerName(), request.getServerPort(),
				request.getContextPath());
	}

	/** The request's cookies, values by name. */
	static Map<String, List<String>> cookies(HttpServletRequest request) {
		Map<String, List<String>> cookies = new LinkedHashMap<>();
		Cookie[] received = request.getCookies();
		if (received != null) {
			for (Cookie cookie : received) {
				cookies.computeIfAbsent(cookie.getName(), (name) -> new ArrayList<>()).add(cookie.getValue());
			}
		}
		return cookies;
	}

	/** The request's path within the application, as received (percent-encoded). */
	static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
