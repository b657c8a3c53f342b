package dev.identity.browser.reactive;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.identity.browser.ApplicationUrl;
import dev.identity.browser.LoginRequiredException;
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
import dev.identity.login.AuthenticatedUser;
import dev.identity.login.internal.PendingLogin;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Serves the browser login endpoints of a Spring WebFlux application: login, register,
 * callback and logout, as {@link BrowserLoginFlow} decides. Logins in progress live in
 * the browser's cookies ({@link PendingLoginCookies}); the {@link WebSession} is started
 * only for a completed login. Every provider call goes through the {@code ...Async}
 * methods of {@link SmartOAuthClient}; nothing blocks. Other requests pass through, and a
 * {@link LoginRequiredException} they raise is answered here.
 * <p>
 * A failed step is signalled as a {@link ResponseStatusException}, so the application's
 * error handling renders it.
 */
public final class BrowserLoginWebFilter implements WebFilter, Ordered {

	private static final Log logger = LogFactory.getLog(BrowserLoginWebFilter.class);

	private final BrowserLoginFlow flow;

	private final SmartOAuthClient client;

	private final PendingLoginCookies cookies;

	private final IdTokenAuthentication.ProviderKeys keys;

	private final LogoutGuard logoutGuard = new LogoutGuard();

	private final int order;

	/**
	 * Create the filter.
	 * @param flow the rules of the login
	 * @param client the client that calls the provider
	 * @param cookies keeps the logins in progress in the browser
	 * @param order the filter's order among the application's web filters
	 */
	public BrowserLoginWebFilter(BrowserLoginFlow flow, SmartOAuthClient client, PendingLoginCookies cookies,
			int order) {
		this.flow = Objects.requireNonNull(flow, "flow");
		this.client = Objects.requireNonNull(client, "client");
		this.cookies = Objects.requireNonNull(cookies, "cookies");
		this.order = order;
		this.keys = new IdTokenAuthentication.ProviderKeys() {

			@Override
			public CompletableFuture<KeySet> keys() {
				return client.keysAsync().toFuture();
			}

			@Override
			public CompletableFuture<?> validate(@Nullable String token) {
				return client.validateAsync(token).toFuture();
			}

		};
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		BrowserLoginRoutes.Endpoint endpoint = this.flow.routes().endpoint(request.getMethod().name(), path(request));
		if (endpoint == null) {
			return chain.filter(exchange).onErrorResume(LoginRequiredException.class, (ex) -> loginRequired(exchange));
		}
		Mono<Void> answer = switch (endpoint) {
			case LOGIN -> login(exchange, false);
			case REGISTER -> login(exchange, true);
			case CALLBACK -> callback(exchange);
			case LOGOUT_PAGE -> logoutPage(exchange);
			case LOGOUT -> logout(exchange);
		};
		return answer.onErrorMap((ex) -> {
			LoginFailures.LoginFailure failure = this.flow.failures().answer(ex);
			return (failure != null) ? new ResponseStatusException(failure.status(), failure.reason()) : ex;
		});
	}

	private Mono<Void> login(ServerWebExchange exchange, boolean register) {
		String returnTo = exchange.getRequest().getQueryParams().getFirst(BrowserLoginFlow.RETURN_TO_PARAMETER);
		ApplicationUrl application = application(exchange.getRequest());
		boolean secure = this.flow.isSecure(application);
		// No session: an anonymous request leaves nothing on the server.
		PendingLogins pending = this.cookies.read(cookies(exchange.getRequest()), secure);
		return this.client.discoveryAsync().flatMap((discovery) -> {
			BrowserLoginFlow.Start start = this.flow.start(discovery, register, returnTo, application, pending);
			setCookies(exchange, this.cookies.write(pending, start.pendingLogins(), secure));
			return redirect(exchange, start.authorizationUri());
		});
	}

	private Mono<Void> callback(ServerWebExchange exchange) {
		ApplicationUrl application = application(exchange.getRequest());
		return Mono.defer(() -> {
			boolean secure = this.flow.isSecure(application);
			PendingLogins pending = this.cookies.read(cookies(exchange.getRequest()), secure);
			BrowserLoginFlow.Callback callback = this.flow.callback(exchange.getRequest().getQueryParams(), pending);
			// The browser deletes the login's cookie whatever the callback's fate, so
			// that a refreshed callback
			// page does not try the same login again. The server keeps no record: a copy
			// of the cookie stays
			// valid for max-pending-age, and the provider redeems the code once.
			setCookies(exchange, this.cookies.write(pending, callback.remaining(), secure));
			PendingLogin login = callback.login();
			return this.client.requestTokenAsync(this.flow.tokenRequest(callback))
				.flatMap((tokens) -> Mono
					.fromFuture(() -> this.flow.authentication().authenticate(tokens, login, this.keys)))
				// A session id known before the login (planted by an attacker, say) must
				// not carry the user.
				.flatMap((user) -> exchange.getSession()
					.flatMap((session) -> session.changeSessionId()
						.then(Mono
							.fromRunnable(() -> session.getAttributes().put(BrowserLoginFlow.USER_ATTRIBUTE, user)))))
				.then(Mono.defer(() -> redirect(exchange, this.flow.afterLogin(login, application))));
		});
	}

	private Mono<Void> logoutPage(ServerWebExchange exchange) {
		ApplicationUrl application = application(exchange.getRequest());
		return exchange.getSession().flatMap((session) -> {
			if (ReactiveBrowserSession.userOf(session) == null) {
				// Nobody to log out: nothing to confirm, and no session started for the
				// page.
				return redirect(exchange, this.flow.afterLogout(null, null, application));
			}
			Object token = session.getAttributes()
				.computeIfAbsent(LogoutGuard.TOKEN_ATTRIBUTE, (name) -> this.logoutGuard.newToken());
			ServerHttpResponse response = exchange.getResponse();
			response.setStatusCode(HttpStatus.OK);
			LogoutPage.HEADERS.forEach(response.getHeaders()::set);
			byte[] page = LogoutPage.html(application.local(this.flow.routes().getLogoutPath()), String.valueOf(token))
				.getBytes(StandardCharsets.UTF_8);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(page)));
		});
	}

	private Mono<Void> logout(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		Mono<Boolean> allowed = exchange.getFormData()
			.zipWith(exchange.getSession())
			.map((found) -> this.logoutGuard.allows(request.getHeaders().getFirst("Sec-Fetch-Site"),
					request.getHeaders().getOrigin(), application(request),
					found.getT1().getFirst(LogoutGuard.TOKEN_PARAMETER),
					found.getT2().getAttributes().get(LogoutGuard.TOKEN_ATTRIBUTE)));
		return allowed.flatMap((yes) -> {
			if (!yes) {
				// Anyone can make a browser send this: a refusal must not flood the log.
				logger.debug("Logout refused: cross-site or without the confirmation page's token");
				return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, LogoutGuard.REFUSED));
			}
			return endSession(exchange);
		});
	}

	private Mono<Void> endSession(ServerWebExchange exchange) {
		ApplicationUrl application = application(exchange.getRequest());
		return exchange.getSession().flatMap((session) -> {
			AuthenticatedUser user = ReactiveBrowserSession.userOf(session);
			Mono<Optional<DiscoveryDocument>> discovery = this.flow.endsProviderSession(user)
					? this.client.discoveryAsync().map(Optional::of).onErrorResume(IdentityException.class, (ex) -> {
						logger.warn("Logout ends the application's session only, the provider's discovery document "
								+ "is unavailable: " + ex.getMessage());
						return Mono.just(Optional.empty());
					}) : Mono.just(Optional.empty());
			return session.invalidate()
				.then(discovery)
				.flatMap((document) -> redirect(exchange,
						this.flow.afterLogout(document.orElse(null), user, application)));
		});
	}

	private Mono<Void> loginRequired(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		URI login = this.flow.negotiation()
			.loginRedirect(request.getMethod().name(), request.getHeaders().getOrEmpty(HttpHeaders.ACCEPT),
					path(request), request.getURI().getRawQuery(), application(request));
		return (login != null) ? redirect(exchange, login)
				: Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Login required"));
	}

	private static void setCookies(ServerWebExchange exchange, List<ResponseCookie> cookies) {
		for (ResponseCookie cookie : cookies) {
			exchange.getResponse().addCookie(cookie);
		}
	}

	private static Mono<Void> redirect(ServerWebExchange exchange, URI location) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.FOUND);
		response.getHeaders().setLocation(location);
		// Each redirect carries one-time values: no cache may replay it.
		response.getHeaders().setCacheControl("no-store");
		return response.setComplete();
	}

	/**
	 * Where the request reached the application. The request URI is the one the server
	 * and a {@code ForwardedHeaderTransformer}, when the application uses one, made of
	 * what they trust.
	 */
	private static ApplicationUrl application(ServerHttpRequest request) {
		URI uri = request.getURI();
		return new ApplicationUrl(Objects.requireNonNull(uri.getScheme()), Objects.requireNonNull(uri.getHost()),
				uri.getPort(), request.getPath().contextPath().value());
	}

	/** The request's cookies, values by name. */
	private static Map<String, List<String>> cookies(ServerHttpRequest request) {
		Map<String, List<String>> cookies = new LinkedHashMap<>();
		request.getCookies()
			.forEach((name, values) -> cookies.put(name, values.stream().map(HttpCookie::getValue).toList()));
		return cookies;
	}

	private static String path(ServerHttpRequest request) {
		return request.getPath().pathWithinApplication().value();
	}

	@Override
	public String toString() {
		return "BrowserLoginWebFilter[" + this.flow + "]";
	}

}
