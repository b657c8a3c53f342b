package dev.identity.browser.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.identity.browser.ApplicationUrl;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * How to answer a request that needs a logged-in user when there is none, by what the
 * client accepts: a browser's page navigation goes to the login endpoint and comes back
 * afterwards; a script or API client gets {@code 401}. Thread-safe.
 */
public final class LoginNegotiation {

	private final String loginPath;

	LoginNegotiation(String loginPath) {
		this.loginPath = loginPath;
	}

	/**
	 * How to answer a request that needs a logged-in user when there is none: a page
	 * navigation ({@code GET} or {@code HEAD} accepting {@code text/html}) goes to the
	 * login endpoint and comes back afterwards; anything else (a script, an API client, a
	 * form post) gets {@code 401}, since a redirect to the provider's login page is
	 * nothing it could follow.
	 * @param method the HTTP method
	 * @param accept the values of the {@code Accept} headers
	 * @param path the path within the application
	 * @param rawQuery the query string as received, or {@code null}
	 * @param application where the request reached the application
	 * @return the login URL to redirect to, or {@code null} to answer {@code 401}
	 */
	public @Nullable URI loginRedirect(String method, List<String> accept, String path, @Nullable String rawQuery,
			ApplicationUrl application) {
		if (!("GET".equals(method) || "HEAD".equals(method)) || !acceptsHtml(accept)) {
			return null;
		}
		String returnTo = path + ((rawQuery != null && !rawQuery.isEmpty()) ? "?" + rawQuery : "");
		return URI.create(application.local(this.loginPath) + "?" + BrowserLoginFlow.RETURN_TO_PARAMETER + "="
				+ URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
	}

	private static boolean acceptsHtml(List<String> accept) {
		for (String value : accept) {
			try {
				for (MediaType type : MediaType.parseMediaTypes(value)) {
					if (MediaType.TEXT_HTML.equalsTypeAndSubtype(type)) {
						return true;
					}
				}
			}
			catch (InvalidMediaTypeException ex) {
				// A malformed Accept header accepts nothing in particular.
			}
		}
		return false;
	}

}
