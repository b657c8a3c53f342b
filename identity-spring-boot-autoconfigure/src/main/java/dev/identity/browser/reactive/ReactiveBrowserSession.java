package dev.identity.browser.reactive;

import dev.identity.browser.LoginRequiredException;
import dev.identity.browser.internal.BrowserLoginFlow;
import dev.identity.login.AuthenticatedUser;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The browser login as seen by a Spring WebFlux application: whether the exchange's
 * {@link WebSession} has a logged-in user, and who it is, without blocking. A user stays
 * logged in for the life of the session (as with Spring Security's {@code oauth2Login});
 * {@link AuthenticatedUser#isAuthenticated(java.time.Instant)} tells whether the access
 * token is still valid. Reading never starts a session. <pre class="code">
 * &#64;GetMapping("/")
 * Mono&lt;String&gt; home(ServerWebExchange exchange) {
 *     return browserSession.currentUser(exchange).map(AuthenticatedUser::getSubject).defaultIfEmpty("anonymous");
 * }
 * </pre> A handler may also declare an {@link AuthenticatedUser} parameter:
 * {@code @Nullable} (or {@code Optional}) receives {@code null} (or empty) when nobody is
 * logged in; a non-null one makes the request need a login, see
 * {@link LoginRequiredException}.
 */
public class ReactiveBrowserSession {

	/**
	 * Whether the exchange's session has a logged-in user.
	 * @param exchange the current exchange
	 * @return whether a user is logged in
	 */
	public Mono<Boolean> isAuthenticated(ServerWebExchange exchange) {
		return currentUser(exchange).hasElement();
	}

	/**
	 * The logged-in user of the exchange's session.
	 * @param exchange the current exchange
	 * @return the user, or empty when nobody is logged in
	 */
	public Mono<AuthenticatedUser> currentUser(ServerWebExchange exchange) {
		return exchange.getSession().flatMap(ReactiveBrowserSession::user);
	}

	/**
	 * The logged-in user of the exchange's session, which the request cannot do without.
	 * @param exchange the current exchange
	 * @return the user, or a {@link LoginRequiredException} (answered with a redirect to
	 * the login or {@code 401}) when nobody is logged in
	 */
	public Mono<AuthenticatedUser> requireUser(ServerWebExchange exchange) {
		return currentUser(exchange).switchIfEmpty(Mono.error(LoginRequiredException::new));
	}

	static Mono<AuthenticatedUser> user(WebSession session) {
		return Mono.justOrEmpty(userOf(session));
	}

	static @Nullable AuthenticatedUser userOf(WebSession session) {
		return (session.getAttributes().get(BrowserLoginFlow.USER_ATTRIBUTE) instanceof AuthenticatedUser user) ? user
				: null;
	}

	@Override
	public String toString() {
		return "ReactiveBrowserSession";
	}

}
