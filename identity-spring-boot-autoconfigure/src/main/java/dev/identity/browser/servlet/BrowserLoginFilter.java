package dev.identity.browser.servlet;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import dev.identity.browser.ApplicationUrl;
import dev.identity.browser.internal.BrowserLoginFlow;
import dev.identity.browser.internal.BrowserLoginRoutes;
import dev.identity.browser.internal.IdTokenAuthentication;
import dev.identity.browser.internal.LoginFailures;
import dev.identity.browser.internal.LogoutGuard;
import dev.identity.browser.internal.LogoutPage;
import dev.identity.browser.internal.PendingLoginCookies;
import dev.identity.browser.internal.PendingLogins;
import dev.identity.client.SmartOAuthClient;
import dev.identity.core.DiscoveryDocument;
import dev.identity.core.IdentityException;
import dev.identity.core.KeySet;
import dev.identity.core.TokenResponse;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.login.AuthenticatedUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * Serves the browser login endpoints of a Spring MVC application: login, register,
 * callback and logout, as {@link BrowserLoginFlow} decides. Logins in progress live in
 * the browser's cookies ({@link PendingLoginCookies}); the servlet session is created
 * only for a completed login. Every provider call goes through the blocking methods of
 * {@link SmartOAuthClient}, on the request's own thread. Other requests pass through
 * untouched.
 * <p>
 * A failed step is answered with {@code sendError}, so the application's error pages
 * render it.
 */
public final class BrowserLoginFilter extends OncePerRequestFilter implements Ordered {

	private static final Log logger = LogFactory.getLog(BrowserLoginFilter.class);

	private final BrowserLoginFlow flow;

	private final SmartOAuthClient client;

	private final BrowserSession sessions;

	private final PendingLoginCookies cookies;

	private final IdTokenAuthentication.ProviderKeys keys;

	private final LogoutGuard logoutGuard = new LogoutGuard();

	private final int order;

	/**
	 * Create the filter.
	 * @param flow the rules of the login
	 * @param client the client that calls the provider
	 * @param sessions reads the session's user
	 * @param cookies keeps the logins in progress in the browser
	 * @param order the filter's order among the application's filters
	 */
	public BrowserLoginFilter(BrowserLoginFlow flow, SmartOAuthClient client, BrowserSession sessions,
			PendingLoginCookies cookies, int order) {
		this.flow = Objects.requireNonNull(flow, "flow");
		this.client = Objects.requireNonNull(client, "client");
		this.sessions = Objects.requireNonNull(sessions, "sessions");
		this.cookies = Objects.requireNonNull(cookies, "cookies");
		this.order = order;
		this.keys = new IdTokenAuthentication.ProviderKeys() {

			@Override
			public CompletableFuture<KeySet> keys() {
				return now(client::keys);
			}

			@Override
			public CompletableFuture<?> validate(@Nullable String token) {
				return now(() -> client.validate(token));
			}

		};
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BrowserLoginRoutes.Endpoint endpoint = this.flow.routes()
			.endpoint(request.getMethod(), ServletRequests.path(request));
		if (endpoint == null) {
			chain.doFilter(request, response);
			return;
		}
		try {
			switch (endpoint) {
				case LOGIN -> login(request, response, false);
				case REGISTER -> login(request, response, true);
				case CALLBACK -> callback(request, response);
				case LOGOUT_PAGE -> logoutPage(request, response);
				case LOGOUT -> logout(request, response);
			}
		}
		catch (IdentityException ex) {
			LoginFailures.LoginFailure failure = this.flow.failures().answer(ex);
			if (failure == null) {
				throw ex;
			}
			response.sendError(failure.status().value(), failure.reason());
		}
	}

	private void login(HttpServletRequest request, HttpServletResponse response, boolean register) throws IOException {
		DiscoveryDocument discovery = this.client.discovery();
		String returnTo = request.getParameter(BrowserLoginFlow.RETURN_TO_PARAMETER);
		ApplicationUrl application = ServletRequests.application(request);
		boolean secure = this.flow.isSecure(application);
		// No session: an anonymous request leaves nothing on the server.
		PendingLogins pending = this.cookies.read(ServletRequests.cookies(request), secure);
		BrowserLoginFlow.Start start = this.flow.start(discovery, register, returnTo, application, pending);
		setCookies(response, this.cookies.write(pending, start.pendingLogins(), secure));
		redirect(response, start.authorizationUri());
	}

	private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ApplicationUrl application = ServletRequests.application(request);
		boolean secure = this.flow.isSecure(application);
		PendingLogins pending = this.cookies.read(ServletRequests.cookies(request), secure);
		BrowserLoginFlow.Callback callback = this.flow.callback(parameters(request), pending);
		// The browser deletes the login's cookie whatever the callback's fate, so that a
		// refreshed callback
		// page does not try the same login again. The server keeps no record: a copy of
		// the cookie stays
		// valid for max-pending-age, and the provider redeems the code once.
		setCookies(response, this.cookies.write(pending, callback.remaining(), secure));
		TokenResponse tokens = this.client.requestToken(this.flow.tokenRequest(callback));
		AuthenticatedUser user = await(this.flow.authentication().authenticate(tokens, callback.login(), this.keys));
		HttpSession session = request.getSession();
		// A session id known before the login (planted by an attacker, say) must not
		// carry the user.
		request.changeSessionId();
		session.setAttribute(BrowserLoginFlow.USER_ATTRIBUTE, user);
		redirect(response, this.flow.afterLogin(callback.login(), application));
	}

	/** A call of the blocking client, as the completed future the shared steps take. */
	private static <T> CompletableFuture<T> now(Supplier<T> call) {
		try {
			return CompletableFuture.completedFuture(call.get());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** The result of steps run on completed futures, their failure thrown as it was. */
	private static <T> T await(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			Throwable failure = IdentityEngine.unwrap(ex);
			if (failure instanceof RuntimeException unchecked) {
				throw unchecked;
			}
			if (failure instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	private void logoutPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ApplicationUrl application = ServletRequests.application(request);
		HttpSession session = request.getSession(false);
		if (session == null || this.sessions.currentUser(request) == null) {
			// Nobody to log out: nothing to confirm, and no session started for the page.
			redirect(response, this.flow.afterLogout(null, null, application));
			return;
		}
		String token;
		try {
			synchronized (WebUtils.getSessionMutex(session)) {
				Object existing = session.getAttribute(LogoutGuard.TOKEN_ATTRIBUTE);
				token = (existing instanceof String value) ? value : this.logoutGuard.newToken();
				session.setAttribute(LogoutGuard.TOKEN_ATTRIBUTE, token);
			}
		}
		catch (IllegalStateException ex) {
			// Invalidated meanwhile: a logout in another tab.
			redirect(response, this.flow.afterLogout(null, null, application));
			return;
		}
		LogoutPage.HEADERS.forEach(response::setHeader);
		response.setStatus(HttpServletResponse.SC_OK);
		response.getWriter().write(LogoutPage.html(application.local(this.flow.routes().getLogoutPath()), token));
	}

	private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!this.logoutGuard.allows(request.getHeader("Sec-Fetch-Site"), request.getHeader(HttpHeaders.ORIGIN),
				ServletRequests.application(request), request.getParameter(LogoutGuard.TOKEN_PARAMETER),
				sessionToken(request.getSession(false)))) {
			// Anyone can make a browser send this: a refusal must not flood the log.
			logger.debug("Logout refused: cross-site or without the confirmation page's token");
			response.sendError(HttpServletResponse.SC_FORBIDDEN, LogoutGuard.REFUSED);
			return;
		}
		AuthenticatedUser user = this.sessions.currentUser(request);
		HttpSession session = request.getSession(false);
		if (session != null) {
			try {
				session.invalidate();
			}
			catch (IllegalStateException ex) {
				// Already invalidated by a concurrent logout.
			}
		}
		DiscoveryDocument discovery = null;
		if (this.flow.endsProviderSession(user)) {
			try {
				discovery = this.client.discovery();
			}
			catch (IdentityException ex) {
				logger.warn("Logout ends the application's session only, the provider's discovery document is "
						+ "unavailable: " + ex.getMessage());
			}
		}
		redirect(response, this.flow.afterLogout(discovery, user, ServletRequests.application(request)));
	}

	private static @Nullable Object sessionToken(@Nullable HttpSession session) {
		try {
			return (session != null) ? session.getAttribute(LogoutGuard.TOKEN_ATTRIBUTE) : null;
		}
		catch (IllegalStateException ex) {
			// Invalidated meanwhile: a logout in another tab.
			return null;
		}
	}

	private static void setCookies(HttpServletResponse response, List<ResponseCookie> cookies) {
		for (ResponseCookie cookie : cookies) {
			response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
		}
	}

	private static Map<String, List<String>> parameters(HttpServletRequest request) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
		return parameters;
	}

	private static void redirect(HttpServletResponse response, URI location) throws IOException {
		// Each redirect carries one-time values: no cache may replay it.
		response.setHeader("Cache-Control", "no-store");
		response.sendRedirect(location.toString());
	}

	@Override
	public String toString() {
		return "BrowserLoginFilter[" + this.flow + "]";
	}

}
