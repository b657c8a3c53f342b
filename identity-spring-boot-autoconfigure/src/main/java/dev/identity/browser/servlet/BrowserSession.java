package dev.identity.browser.servlet;

import dev.identity.browser.LoginRequiredException;
import dev.identity.browser.internal.BrowserLoginFlow;
import dev.identity.login.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * The browser login as seen by a Spring MVC application: whether the current request's
 * session has a logged-in user, and who it is. A user stays logged in for the life of the
 * session (as with Spring Security's {@code oauth2Login});
 * {@link AuthenticatedUser#isAuthenticated(java.time.Instant)} tells whether the access
 * token is still valid. Reading never creates a session. <pre class="code">
 * &#64;GetMapping("/")
 * String home(HttpServletRequest request, Model model) {
 *     model.addAttribute("user", browserSession.currentUser(request));
 *     return "home";
 * }
 * </pre> A handler may also declare an {@link AuthenticatedUser} parameter:
 * {@code @Nullable} (or {@code Optional}) receives {@code null} (or empty) when nobody is
 * logged in; a non-null one makes the request need a login, see
 * {@link LoginRequiredException}.
 */
public class BrowserSession {

	/**
	 * Whether the request's session has a logged-in user.
	 * @param request the current request
	 * @return whether a user is logged in
	 */
	public boolean isAuthenticated(HttpServletRequest request) {
		return currentUser(request) != null;
	}

	/**
	 * The logged-in user of the request's session.
	 * @param request the current request
	 * @return the user, or {@code null} when nobody is logged in
	 */
	public @Nullable AuthenticatedUser currentUser(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return null;
		}
		try {
			return (session.getAttribute(BrowserLoginFlow.USER_ATTRIBUTE) instanceof AuthenticatedUser user) ? user
					: null;
		}
		catch (IllegalStateException ex) {
			// Invalidated while this request ran: a logout in another tab.
			return null;
		}
	}

	/**
	 * The logged-in user of the request's session, which the request cannot do without.
	 * @param request the current request
	 * @return the user
	 * @throws LoginRequiredException when nobody is logged in; answered with a redirect
	 * to the login or {@code 401}
	 */
	public AuthenticatedUser requireUser(HttpServletRequest request) {
		AuthenticatedUser user = currentUser(request);
		if (user == null) {
			throw new LoginRequiredException();
		}
		return user;
	}

	@Override
	public String toString() {
		return "BrowserSession";
	}

}
