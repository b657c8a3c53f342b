package dev.identity.browser;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.identity.core.ClientRegistration;
import dev.identity.core.DiscoveryDocument;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.KeySet;
import dev.identity.core.OAuthErrorException;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import dev.identity.core.ValidatedToken;
import dev.identity.engine.EngineSettings;
import dev.identity.engine.IdentityEngine;
import dev.identity.login.AuthenticatedUser;
import dev.identity.login.AuthorizationErrorException;
import dev.identity.login.AuthorizationRequest;
import dev.identity.login.AuthorizationResponse;
import dev.identity.login.CallbackCheck;
import dev.identity.login.IdTokenValidator;
import dev.identity.login.InvalidCallbackException;
import dev.identity.login.LogoutRequest;
import dev.identity.login.PendingLogin;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The rules of the browser login, shared by the Spring MVC and WebFlux endpoints: which
 * request is which endpoint, what each step decides and where the browser goes next. It
 * performs no I/O and keeps no state; the endpoints fetch what a step needs through the
 * identity client (blocking or reactive), keep the session and the cookies, and hand the
 * values here. So the flow is written once, and both web stacks behave alike by
 * construction.
 * <p>
 * A login runs in these steps:
 * <ol>
 * <li>{@link #start}: an authorization request with fresh {@code state}, {@code nonce}
 * and PKCE {@code S256} challenge (OpenID Connect Core §3.1.2.1, RFC 7636), its
 * {@link PendingLogin} added to the browser's {@link PendingLogins}, which the endpoints
 * keep in cookies ({@link PendingLoginCookies});</li>
 * <li>{@link #callback}: the callback matched to one pending login by {@code state},
 * whose cookie the browser is then told to delete whatever the outcome. The server keeps
 * no record of it: a copy of the cookie stays valid for {@code max-pending-age}, and what
 * it is worth is bounded by the provider, which redeems each code once and only with the
 * PKCE verifier of the login it was issued for;</li>
 * <li>{@link #tokenRequest}: {@code iss}, error and age checked (RFC 9207, RFC 6749
 * §4.1.2.1), the code turned into a token request with the PKCE verifier;</li>
 * <li>{@link #authenticate}: the ID token validated (OpenID Connect Core §3.1.3.7) and
 * the {@link AuthenticatedUser} made; when no key fits, the endpoint refreshes the keys
 * once and asks again;</li>
 * <li>{@link #afterLogin}: where to send the browser once the user is stored and the
 * session id changed.</li>
 * </ol>
 * Logout is a {@code POST} that {@link LogoutGuard} lets through; a {@code GET} shows the
 * {@link LogoutPage}, which asks for confirmation. Thread-safe.
 */
public final class BrowserLoginFlow {

	/** Session attribute holding the {@link AuthenticatedUser} of the completed login. */
	public static final String USER_ATTRIBUTE = BrowserLoginFlow.class.getName() + ".USER";

	/**
	 * Query parameter of the login and register endpoints naming the local path to show
	 * afterwards.
	 */
	public static final String RETURN_TO_PARAMETER = "returnTo";

	private static final Log logger = LogFactory.getLog(BrowserLoginFlow.class);

	private static final String PREFIX = "identity.login.";

	private final String clientId;

	private final IdTokenValidator validator;

	private final boolean keysRefreshable;

	private final Clock clock;

	private final SecureRandom random;

	private final String loginPath;

	private final String registerPath;

	private final String callbackPath;

	private final String logoutPath;

	private final @Nullable URI redirectUri;

	private final List<String> scopes;

	private final Map<String, String> parameters;

	private final String postLoginRedirect;

	private final String postLogoutRedirectUri;

	private final Duration maxPendingAge;

	private final int maxPendingLogins;

	/**
	 * Create the flow of the engine's issuer and client.
	 * @param properties the {@code identity.login.*} properties, read once
	 * @param engine the engine: its settings name the issuer, the client and the accepted
	 * algorithms and clock skew; its clock dates the logins
	 * @throws InvalidConfigurationPropertyValueException when a property is invalid
	 * @throws IllegalStateException when the engine has no client registration
	 */
	public BrowserLoginFlow(BrowserLoginProperties properties, IdentityEngine engine) {
		this(properties, engine.getSettings(), engine.getClock(), SeededRandom.create());
	}

	/**
	 * Create the flow.
	 * @param properties the {@code identity.login.*} properties, read once
	 * @param settings the engine settings of the issuer and client
	 * @param clock the clock that dates and expires the logins and validates the ID
	 * tokens
	 * @param random the source of {@code state}, {@code nonce} and code verifiers
	 * @throws InvalidConfigurationPropertyValueException when a property is invalid
	 * @throws IllegalStateException when the settings have no client registration
	 */
	public BrowserLoginFlow(BrowserLoginProperties properties, EngineSettings settings, Clock clock,
			SecureRandom random) {
		Objects.requireNonNull(properties, "properties");
		Objects.requireNonNull(settings, "settings");
		ClientRegistration client = settings.client();
		if (client == null) {
			throw new IllegalStateException("browser login needs an OAuth client: set identity.client-id");
		}
		this.clientId = client.getClientId();
		this.clock = Objects.requireNonNull(clock, "clock");
		this.random = Objects.requireNonNull(random, "random");
		this.loginPath = path("login-path", properties.getLoginPath());
		this.registerPath = path("register-path", properties.getRegisterPath());
		this.callbackPath = path("callback-path", properties.getCallbackPath());
		this.logoutPath = path("logout-path", properties.getLogoutPath());
		Set<String> distinct = new HashSet<>(
				List.of(this.loginPath, this.registerPath, this.callbackPath, this.logoutPath));
		if (distinct.size() != 4) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "callback-path", this.callbackPath,
					"login, register, callback and logout paths must differ from each other");
		}
		this.redirectUri = properties.getRedirectUri();
		if (this.redirectUri != null && (!this.redirectUri.isAbsolute() || this.redirectUri.getRawFragment() != null)) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "redirect-uri", this.redirectUri,
					"must be an absolute URI without fragment (RFC 6749 §3.1.2)");
		}
		this.scopes = List.copyOf(properties.getScopes());
		this.parameters = new LinkedHashMap<>(properties.getAuthorizationParameters());
		checkRequestParameters(settings.validation().getIssuer());
		this.postLoginRedirect = path("post-login-redirect", properties.getPostLoginRedirect());
		this.postLogoutRedirectUri = postLogout(properties.getPostLogoutRedirectUri());
		this.maxPendingAge = properties.getMaxPendingAge();
		if (this.maxPendingAge == null || this.maxPendingAge.isNegative() || this.maxPendingAge.isZero()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "max-pending-age", this.maxPendingAge,
					"must be positive");
		}
		this.maxPendingLogins = properties.getMaxPendingLogins();
		if (this.maxPendingLogins < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "max-pending-logins", this.maxPendingLogins,
					"must be at least 1");
		}
		IdTokenValidator.Builder validator = IdTokenValidator
			.forClient(settings.validation().getIssuer(), this.clientId)
			.algorithms(settings.validation().getAlgorithms())
			.clockSkew(settings.validation().getClockSkew());
		try {
			validator.trustedAudiences(properties.getTrustedAudiences());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "trusted-audiences",
					properties.getTrustedAudiences(), ex.getMessage());
		}
		this.validator = validator.build();
		// The engine's unknown-kid refresh runs inside its token validation, which an
		// opaque-token
		// configuration replaces by introspection: there, sending the ID token would
		// refresh nothing.
		this.keysRefreshable = !settings.introspection().opaqueTokens();
	}

	/**
	 * The endpoint a request is for.
	 * @param method the HTTP method
	 * @param path the path within the application (without the context path)
	 * @return the endpoint, or {@code null} when the request is the application's
	 */
	public @Nullable Endpoint endpoint(String method, String path) {
		boolean get = "GET".equals(method);
		if (path.equals(this.loginPath)) {
			return get ? Endpoint.LOGIN : null;
		}
		if (path.equals(this.registerPath)) {
			return get ? Endpoint.REGISTER : null;
		}
		if (path.equals(this.callbackPath)) {
			return get ? Endpoint.CALLBACK : null;
		}
		if (path.equals(this.logoutPath)) {
			return get ? Endpoint.LOGOUT_PAGE : "POST".equals(method) ? Endpoint.LOGOUT : null;
		}
		return null;
	}

	/**
	 * Start a login: the URL to send the browser to, and the browser's pending logins
	 * with this one.
	 * @param discovery the provider's discovery document
	 * @param register whether to ask for the sign-up page ({@code prompt=create},
	 * Initiating User Registration 1.0)
	 * @param returnTo the {@value #RETURN_TO_PARAMETER} parameter, or {@code null}; a
	 * value that is not a local path is ignored, so the login endpoint never redirects
	 * off the site (RFC 9700 §4.11)
	 * @param application where the request reached the application, for the default
	 * redirect URI
	 * @param pending the browser's pending logins, or {@code null} when it has none
	 * @return the redirect and the pending logins for the browser to keep
	 */
	public Start start(DiscoveryDocument discovery, boolean register, @Nullable String returnTo,
			ApplicationUrl application, @Nullable PendingLogins pending) {
		AuthorizationRequest.Builder builder = AuthorizationRequest.withDiscovery(discovery)
			.clientId(this.clientId)
			.redirectUri(redirectUri(application))
			.scopes(this.scopes);
		this.parameters.forEach(builder::parameter);
		if (register) {
			builder.parameter("prompt", "create");
		}
		if (returnTo != null && !returnTo.isEmpty()) {
			try {
				builder.returnTo(returnTo);
			}
			catch (IllegalArgumentException ex) {
				logger.debug("Login 'returnTo' ignored: " + ex.getMessage());
			}
		}
		Instant now = this.clock.instant();
		AuthorizationRequest request = builder.build(this.random, now);
		PendingLogins updated = ((pending != null) ? pending : PendingLogins.empty()).with(request.getPendingLogin(),
				this.maxPendingLogins, this.maxPendingAge, now);
		return new Start(request.getUri(), updated);
	}

	/**
	 * Match a callback to the pending login its {@code state} answers. Have the browser
	 * keep only {@link Callback#remaining()}, whatever happens next.
	 * @param parameters the callback's query parameters
	 * @param pending the browser's pending logins, or {@code null} when it has none
	 * @return the callback with its login
	 * @throws InvalidCallbackException when no pending login matches or a parameter is
	 * repeated
	 */
	public Callback callback(Map<String, ? extends Collection<String>> parameters, @Nullable PendingLogins pending) {
		AuthorizationResponse response = AuthorizationResponse.fromParameters(parameters);
		PendingLogin login = (pending != null) ? pending.find(response.state()) : null;
		if (pending == null || login == null) {
			throw new InvalidCallbackException(CallbackCheck.STATE, (response.state() == null)
					? "callback has no 'state'"
					: "callback 'state' answers no login in progress in this browser: forged, replayed, "
							+ "already completed, expired, started in another browser or sealed with another key");
		}
		return new Callback(response, login, pending.without(login));
	}

	/**
	 * Check the callback ({@code iss}, error, age, code) and build the token request that
	 * redeems its code with the PKCE verifier.
	 * @param callback the matched callback
	 * @return the token request
	 * @throws InvalidCallbackException when a check fails
	 * @throws AuthorizationErrorException when the provider answered with an error
	 */
	public TokenRequest.AuthorizationCode tokenRequest(Callback callback) {
		return callback.response().toTokenRequest(callback.login(), this.maxPendingAge, this.clock.instant());
	}

	/**
	 * Validate the ID token of the token response (OpenID Connect Core §3.1.3.7) and make
	 * the user.
	 * @param tokens the token endpoint's response
	 * @param login the login it completes
	 * @param keys the provider's keys as the engine has them
	 * @param keysRefreshed whether {@code keys} were refreshed for this token already
	 * @return the user, or {@code null} when no key fits the token and the keys were not
	 * refreshed yet: refresh them once through the client and call again with
	 * {@code keysRefreshed} set
	 * @throws InvalidTokenException when the ID token is missing or invalid
	 */
	public @Nullable AuthenticatedUser authenticate(TokenResponse tokens, PendingLogin login, KeySet keys,
			boolean keysRefreshed) {
		String idToken = tokens.getIdToken();
		if (idToken == null) {
			throw InvalidTokenException.of(TokenCheck.FORMAT, "the token response has no id_token though the "
					+ "openid scope was requested (OpenID Connect Core §3.1.3.3)");
		}
		ValidatedToken validated;
		try {
			validated = this.validator.validate(idToken, keys, login, tokens.getAccessToken(), this.clock.instant());
		}
		catch (InvalidTokenException ex) {
			if (!keysRefreshed && this.keysRefreshable && ex.hasFailed(TokenCheck.KEY)) {
				return null;
			}
			throw ex;
		}
		return AuthenticatedUser.of(validated, tokens);
	}

	/**
	 * Where the browser goes after a login: the login's {@code returnTo}, or the
	 * post-login path.
	 * @param login the completed login
	 * @param application where the request reached the application
	 * @return the local URL
	 */
	public URI afterLogin(PendingLogin login, ApplicationUrl application) {
		String target = (login.returnTo() != null) ? login.returnTo() : this.postLoginRedirect;
		return URI.create(application.local(target));
	}

	/**
	 * Whether logging out should also end the user's session at the provider, for which
	 * the endpoint needs the discovery document. Without a user there is no ID token to
	 * name that session.
	 * @param user the session's user, or {@code null}
	 * @return whether to look up the provider's {@code end_session_endpoint}
	 */
	public boolean endsProviderSession(@Nullable AuthenticatedUser user) {
		return user != null;
	}

	/**
	 * Where the browser goes after the application's session ended: the provider's
	 * {@code end_session_endpoint} with {@code id_token_hint},
	 * {@code post_logout_redirect_uri} and {@code client_id} (OpenID Connect RP-Initiated
	 * Logout 1.0 §2) when there was a user and the provider has one, otherwise the
	 * post-logout URL itself.
	 * @param discovery the provider's discovery document, or {@code null} when it was not
	 * needed or could not be had
	 * @param user the user of the ended session, or {@code null}
	 * @param application where the request reached the application
	 * @return the URL to redirect to
	 */
	public URI afterLogout(@Nullable DiscoveryDocument discovery, @Nullable AuthenticatedUser user,
			ApplicationUrl application) {
		boolean absolute = URI.create(this.postLogoutRedirectUri).isAbsolute();
		if (user != null && discovery != null && discovery.getEndSessionEndpoint() != null) {
			URI target = absolute ? URI.create(this.postLogoutRedirectUri)
					: application.absolute(this.postLogoutRedirectUri);
			return LogoutRequest.withDiscovery(discovery)
				.idTokenHint(user.getIdToken().getTokenValue())
				.postLogoutRedirectUri(target)
				.clientId(this.clientId)
				.build()
				.getUri();
		}
		return absolute ? URI.create(this.postLogoutRedirectUri)
				: URI.create(application.local(this.postLogoutRedirectUri));
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
		return URI.create(application.local(this.loginPath) + "?" + RETURN_TO_PARAMETER + "="
				+ URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
	}

	/**
	 * The answer to a failed login step, or {@code null} when the failure is not one of
	 * the login's (a bug, which the endpoint lets propagate). The reason is fit for the
	 * browser: it names the failed check, never a code, token or {@code state}.
	 * @param failure what a step threw or signalled
	 * @return the status and reason, or {@code null}
	 */
	public @Nullable LoginFailure failure(Throwable failure) {
		LoginFailure answer = classify(IdentityEngine.unwrap(failure));
		if (answer != null) {
			if (answer.status().is5xxServerError()) {
				logger.warn("Login failed: " + failure.getMessage());
			}
			else if (logger.isDebugEnabled()) {
				// Anyone can send a forged callback: refusals must not flood the log.
				logger.debug("Login refused: " + failure.getMessage());
			}
		}
		return answer;
	}

	private static @Nullable LoginFailure classify(Throwable failure) {
		if (failure instanceof InvalidCallbackException callback) {
			return new LoginFailure(HttpStatus.BAD_REQUEST,
					"The login could not be completed (" + callback.getCheck() + "); please start it again.");
		}
		if (failure instanceof AuthorizationErrorException error) {
			return error.isAccessDenied() ? new LoginFailure(HttpStatus.FORBIDDEN, "The login was declined.")
					: new LoginFailure(HttpStatus.UNAUTHORIZED,
							"The identity provider refused the login (error=" + error.getError() + ").");
		}
		if (failure instanceof InvalidTokenException) {
			return new LoginFailure(HttpStatus.UNAUTHORIZED, "The identity provider's answer could not be verified.");
		}
		if (failure instanceof OAuthErrorException) {
			return new LoginFailure(HttpStatus.BAD_REQUEST,
					"The identity provider did not accept the login's code; please start the login again.");
		}
		if (failure instanceof IdentityProviderException) {
			return new LoginFailure(HttpStatus.BAD_GATEWAY,
					"The identity provider could not be reached; please try again later.");
		}
		return null;
	}

	/** Most pending logins one browser keeps. */
	public int getMaxPendingLogins() {
		return this.maxPendingLogins;
	}

	/** How long a pending login stays redeemable. */
	public Duration getMaxPendingAge() {
		return this.maxPendingAge;
	}

	/** Path of the login endpoint within the application. */
	public String getLoginPath() {
		return this.loginPath;
	}

	/** Path of the callback endpoint within the application. */
	public String getCallbackPath() {
		return this.callbackPath;
	}

	/** Path of the logout endpoint within the application. */
	public String getLogoutPath() {
		return this.logoutPath;
	}

	/**
	 * Whether a login runs over HTTPS, so its cookies must be {@code Secure} and
	 * {@code __Host-}: the request came over HTTPS, or its {@link #redirectUri redirect
	 * URI} is {@code https}. The latter covers a proxy that terminates TLS and whose
	 * forwarded headers the application does not apply, so that the request looks like
	 * plain HTTP: the browser speaks HTTPS all the same.
	 * @param application where the request reached the application
	 * @return whether the login is secure
	 */
	public boolean isSecure(ApplicationUrl application) {
		return application.isSecure() || "https".equalsIgnoreCase(redirectUri(application).getScheme());
	}

	/**
	 * The {@code redirect_uri} of a login: the configured one or, by default, the
	 * callback path on the URL the request reached.
	 * @param application where the request reached the application
	 * @return the absolute redirect URI
	 */
	public URI redirectUri(ApplicationUrl application) {
		return (this.redirectUri != null) ? this.redirectUri : application.absolute(this.callbackPath);
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

	private void checkRequestParameters(String issuer) {
		// The builder checks scopes and parameter names as it takes them: a bad value
		// fails at start-up
		// rather than on the first login.
		AuthorizationRequest.Builder probe = AuthorizationRequest.withEndpoint(issuer,
				URI.create("https://provider.invalid/authorize"));
		try {
			probe.scopes(this.scopes);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "scopes", this.scopes, ex.getMessage());
		}
		for (Map.Entry<String, String> parameter : this.parameters.entrySet()) {
			try {
				probe.parameter(parameter.getKey(), parameter.getValue());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "authorization-parameters",
						parameter.getKey(), ex.getMessage());
			}
		}
	}

	private static String path(String property, @Nullable String path) {
		if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\")
				|| path.chars().anyMatch((c) -> c <= 0x20 || c >= 0x7f)) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + property, path,
					"must be a path of the application starting with a single '/', in ASCII without spaces");
		}
		return path;
	}

	private static String postLogout(@Nullable String value) {
		if (value != null) {
			try {
				URI uri = new URI(value);
				if (uri.isAbsolute()) {
					// Only a web page: a javascript: or data: URL here would run in the
					// application's origin.
					boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
					if (web && uri.getRawAuthority() != null && uri.getRawFragment() == null) {
						return value;
					}
				}
				else {
					return path("post-logout-redirect-uri", value);
				}
			}
			catch (java.net.URISyntaxException ex) {
				// Reported below.
			}
		}
		throw new InvalidConfigurationPropertyValueException(PREFIX + "post-logout-redirect-uri", value,
				"must be a path of the application or an absolute http(s) URL without fragment");
	}

	@Override
	public String toString() {
		return "BrowserLoginFlow[clientId=" + this.clientId + ", issuer=" + this.validator.getPolicy().getIssuer()
				+ ", callback=" + this.callbackPath + "]";
	}

	/** The endpoints of the browser login. */
	public enum Endpoint {

		/** {@code GET} login path: start a login. */
		LOGIN,
		/** {@code GET} register path: start a login on the sign-up page. */
		REGISTER,
		/** {@code GET} callback path: complete a login. */
		CALLBACK,
		/** {@code GET} logout path: the page that asks to confirm the logout. */
		LOGOUT_PAGE,
		/**
		 * {@code POST} logout path: end the session, when {@link LogoutGuard} allows it.
		 */
		LOGOUT

	}

	/**
	 * A started login.
	 *
	 * @param authorizationUri the provider URL to redirect the browser to
	 * @param pendingLogins the browser's pending logins, this one included
	 */
	public record Start(URI authorizationUri, PendingLogins pendingLogins) {

		@Override
		public String toString() {
			return "Start[" + this.pendingLogins + "]";
		}

	}

	/**
	 * A callback matched to its pending login.
	 *
	 * @param response the callback's parameters
	 * @param login the pending login its {@code state} answers
	 * @param remaining the browser's other pending logins, for it to keep
	 */
	public record Callback(AuthorizationResponse response, PendingLogin login, PendingLogins remaining) {

	}

	/**
	 * The answer to a failed login step.
	 *
	 * @param status the HTTP status
	 * @param reason a short text for the user, free of codes, tokens and {@code state}
	 */
	public record LoginFailure(HttpStatus status, String reason) {

	}

}
