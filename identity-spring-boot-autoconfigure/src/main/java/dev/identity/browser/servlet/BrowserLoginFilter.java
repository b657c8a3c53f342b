package dev.identity.browser.servlet;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.identity.browser.ApplicationUrl;
import dev.identity.browser.BrowserLoginFlow;
import dev.identity.browser.PendingLogins;
import dev.identity.client.SmartOAuthClient;
import dev.identity.core.DiscoveryDocument;
import dev.identity.core.IdentityException;
import dev.identity.core.KeySet;
import dev.identity.core.TokenResponse;
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
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * Serves the browser login endpoints of a Spring MVC application on the servlet session: login,
 * register, callback and logout, as {@link BrowserLoginFlow} decides. Every provider call goes through
 * the blocking methods of {@link SmartOAuthClient}, on the request's own thread. Other requests pass
 * through untouched.
 * <p>
 * A failed step is answered with {@code sendError}, so the application's error pages render it.
 */
public final class BrowserLoginFilter extends OncePerRequestFilter implements Ordered {

	private static final Log logger = LogFactory.getLog(BrowserLoginFilter.class);

	private final BrowserLoginFlow flow;

	private final SmartOAuthClient client;

	private final BrowserSession sessions;

	private final int order;

	/**
	 * Create the filter.
	 * @param flow the rules of the login
	 * @param client the client that calls the provider
	 * @param sessions reads the session's user
	 * @param order the filter's order among the application's filters
	 */
	public BrowserLoginFilter(BrowserLoginFlow flow, SmartOAuthClient client, BrowserSession sessions, int order) {
		this.flow = Objects.requireNonNull(flow, "flow");
		this.client = Objects.requireNonNull(client, "client");
		this.sessions = Objects.requireNonNull(sessions, "sessions");
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BrowserLoginFlow.Endpoint endpoint = this.flow.endpoint(request.getMethod(), ServletRequests.path(request));
		if (endpoint == null) {
			chain.doFilter(request, response);
			return;
		}
		try {
			switch (endpoint) {
				case LOGIN -> login(request, response, false);
				case REGISTER -> login(request, response, true);
				case CALLBACK -> callback(request, response);
				case LOGOUT -> logout(request, response);
			}
		}
		catch (IdentityException ex) {
			BrowserLoginFlow.LoginFailure failure = this.flow.failure(ex);
			if (failure == null) {
				throw ex;
			}
			response.sendError(failure.status().value(), failure.reason());
		}
	}

	private void login(HttpServletRequest request, HttpServletResponse response, boolean register) throws IOException {
		DiscoveryDocument discovery = this.client.discovery();
		String returnTo = request.getParameter(BrowserLoginFlow.RETURN_TO_PARAMETER);
		HttpSession session = request.getSession();
		BrowserLoginFlow.Start start;
		// Two tabs starting logins at once must not drop each other's pending login.
		synchronized (WebUtils.getSessionMutex(session)) {
			start = this.flow.start(discovery, register, returnTo, ServletRequests.application(request),
					pending(session));
			session.setAttribute(BrowserLoginFlow.PENDING_ATTRIBUTE, start.pendingLogins());
		}
		redirect(response, start.authorizationUri());
	}

	private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Map<String, List<String>> parameters = parameters(request);
		HttpSession session = request.getSession(false);
		if (session == null) {
			// Without a session there is no pending login: the flow rejects the callback, and no session is
			// started for it.
			this.flow.callback(parameters, null);
			return;
		}
		BrowserLoginFlow.Callback callback;
		synchronized (WebUtils.getSessionMutex(session)) {
			callback = this.flow.callback(parameters, pending(session));
			// Spent before anything else is checked: a callback is redeemable once, whatever its fate.
			store(session, callback.remaining());
		}
		TokenResponse tokens = this.client.requestToken(this.flow.tokenRequest(callback));
		AuthenticatedUser user = this.flow.authenticate(tokens, callback.login(), this.client.keys(), false);
		if (user == null) {
			user = this.flow.authenticate(tokens, callback.login(), refreshedKeys(tokens.getIdToken()), true);
		}
		// A session id known before the login (planted by an attacker, say) must not carry the user.
		request.changeSessionId();
		session.setAttribute(BrowserLoginFlow.USER_ATTRIBUTE, Objects.requireNonNull(user));
		redirect(response, this.flow.afterLogin(callback.login(), ServletRequests.application(request)));
	}

	/**
	 * Refresh the engine's keys for a token signed with a key they lack. The engine's validation owns the
	 * unknown-kid refresh (coalesced, and rate-limited so forged key ids cannot flood the provider); its
	 * verdict on the ID token is not the one that counts, the {@code IdTokenValidator}'s is.
	 */
	private KeySet refreshedKeys(@Nullable String idToken) {
		logger.debug("ID token signed with a key the cached JWK set lacks; refreshing the keys once");
		try {
			this.client.validate(idToken);
		}
		catch (IdentityException ex) {
			// Expected when the engine's own policy differs from an ID token's; the keys are what matter.
		}
		return this.client.keys();
	}

	private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
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

	private static @Nullable PendingLogins pending(HttpSession session) {
		return (session.getAttribute(BrowserLoginFlow.PENDING_ATTRIBUTE) instanceof PendingLogins pending) ? pending
				: null;
	}

	private static void store(HttpSession session, PendingLogins pending) {
		if (pending.isEmpty()) {
			session.removeAttribute(BrowserLoginFlow.PENDING_ATTRIBUTE);
		}
		else {
			session.setAttribute(BrowserLoginFlow.PENDING_ATTRIBUTE, pending);
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
