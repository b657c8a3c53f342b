package dev.identity.browser.internal;

import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/**
 * The page a {@code GET} of the logout endpoint answers: a form that asks the user to
 * confirm, posting to the endpoint with the session's {@link LogoutGuard} token. A link
 * or a page of another site can therefore never log anyone out by itself. The page loads
 * nothing, runs no script, and cannot be framed (so no other site can trick a click on
 * its button).
 */
public final class LogoutPage {

	/** The headers to send with the page. */
	public static final Map<String, String> HEADERS = Map.of("Content-Type", "text/html;charset=UTF-8", "Cache-Control",
			"no-store", "Content-Security-Policy", "default-src 'none'; base-uri 'none'; frame-ancestors 'none'",
			"X-Frame-Options", "DENY", "X-Content-Type-Options", "nosniff");

	private LogoutPage() {
	}

	/**
	 * The page.
	 * @param action the logout endpoint as the browser addresses it (context path
	 * included)
	 * @param token the session's logout token
	 * @return the HTML
	 */
	public static String html(String action, String token) {
		return """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>Sign out</title></head>
				<body>
				<h1>Sign out</h1>
				<p>Do you want to sign out?</p>
				<form method="post" action="%s">
				<input type="hidden" name="%s" value="%s">
				<button type="submit" id="logout">Sign out</button>
				</form>
				</body></html>
				""".formatted(HtmlUtils.htmlEscape(action), HtmlUtils.htmlEscape(LogoutGuard.TOKEN_PARAMETER),
				HtmlUtils.htmlEscape(token));
	}

}
