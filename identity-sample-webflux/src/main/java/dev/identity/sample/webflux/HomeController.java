package dev.identity.sample.webflux;

import dev.identity.browser.reactive.ReactiveBrowserSession;
import dev.identity.login.AuthenticatedUser;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The browser side: a page that shows who is signed in, with the starter's {@code /login}
 * and {@code /logout} endpoints behind its links.
 */
@RestController
class HomeController {

	/**
	 * Absent while no {@code identity.client-id} is configured: browser login is then
	 * off.
	 */
	private final ObjectProvider<ReactiveBrowserSession> session;

	HomeController(ObjectProvider<ReactiveBrowserSession> session) {
		this.session = session;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	Mono<String> home(ServerWebExchange exchange) {
		ReactiveBrowserSession session = this.session.getIfAvailable();
		if (session == null) {
			return Mono.just(HomePage.loginUnavailable());
		}
		return session.currentUser(exchange).map(HomePage::render).defaultIfEmpty(HomePage.render(null));
	}

	/** The page, kept free of any template engine so the sample stays small. */
	static final class HomePage {

		private HomePage() {
		}

		static String loginUnavailable() {
			return page().append("""
					<p id="status">Browser login is off: set identity.client-id and identity.client-secret of
					this application's registration at your provider.</p>
					</body></html>
					""").toString();
		}

		static String render(@Nullable AuthenticatedUser user) {
			StringBuilder html = page();
			if (user == null) {
				html.append("""
						<p id="status">You are not signed in.</p>
						<p><a id="login" href="/login">Sign in</a></p>
						""");
			}
			else {
				String name = (user.getName() != null) ? user.getName() : user.getSubject();
				html.append("<p id=\"status\">Signed in as <strong id=\"user\">")
					.append(escape(name))
					.append("</strong></p>\n<dl>\n");
				row(html, "Subject", user.getSubject());
				row(html, "E-mail", user.getEmail());
				row(html, "Issuer", user.getIssuer());
				row(html, "Scopes", String.join(" ", user.getScopes()));
				html.append("""
						</dl>
						<form method="post" action="/logout"><button id="logout" type="submit">Sign out</button></form>
						""");
			}
			return html.append("</body></html>\n").toString();
		}

		private static StringBuilder page() {
			return new StringBuilder("""
					<!DOCTYPE html>
					<html lang="en"><head><meta charset="utf-8"><title>Notes</title></head>
					<body>
					<h1>Notes</h1>
					""");
		}

		private static void row(StringBuilder html, String label, @Nullable String value) {
			if (value != null) {
				html.append("<dt>").append(label).append("</dt><dd>").append(escape(value)).append("</dd>\n");
			}
		}

		private static String escape(String text) {
			return HtmlUtils.htmlEscape(text);
		}

	}

}
