package dev.identity.browser.internal;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

import dev.identity.browser.ApplicationUrl;
import dev.identity.browser.BrowserLoginProperties;
import dev.identity.core.DiscoveryDocument;
import dev.identity.core.TokenRequest;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.login.AuthenticatedUser;
import dev.identity.login.AuthorizationErrorException;
import dev.identity.login.CallbackCheck;
import dev.identity.login.InvalidCallbackException;
import dev.identity.login.LogoutRequest;
import dev.identity.login.internal.AuthorizationRequest;
import dev.identity.login.internal.AuthorizationResponse;
import dev.identity.login.internal.PendingLogin;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The protocol steps of the browser login, shared by the Spring MVC and WebFlux
 * endpoints: what each step decides and where the browser goes next. It performs no I/O
 * of its own and keeps no state; the endpoints fetch what a step needs through the
 * identity client (blocking or reactive), keep the session and the cookies, and hand the
 * values here. So the flow is written once, and both web stacks behave alike by
 * construction. Its other parts: {@link #routes()} (which request is which endpoint),
 * {@link #negotiation()} (a page navigation or an API client without a user) and
 * {@link #failures()} (which failure gets which answer); its settings are checked by
 * {@link BrowserLoginSettings}.
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
 * <li>{@link #authentication()}: the ID token validated (OpenID Connect Core §3.1.3.7)
 * and the {@link AuthenticatedUser} made; when no key fits, the keys are refreshed once
 * and the token validated again;</li>
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

	private final BrowserLoginSettings settings;

	private final BrowserLoginRoutes routes;

	private final LoginNegotiation negotiation;

	private final IdTokenAuthentication authentication;

	private final LoginFailures failures = new LoginFailures();

	private final Clock clock;

	private final SecureRandom random;

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
		this.settings = new BrowserLoginSettings(properties, settings);
		this.clock = Objects.requireNonNull(clock, "clock");
		this.random = Objects.requireNonNull(random, "random");
		this.routes = new BrowserLoginRoutes(this.settings);
		this.negotiation = new LoginNegotiation(this.settings.loginPath);
		this.authentication = new IdTokenAuthentication(this.settings.validator, this.settings.keysRefreshable,
				this.clock);
	}

	/** Which request is which endpoint of the login. */
	public BrowserLoginRoutes routes() {
		return this.routes;
	}

	/** How a request without a user is answered, by what its client accepts. */
	public LoginNegotiation negotiation() {
		return this.negotiation;
	}

	/**
	 * The step that validates the ID token of a completed login and makes the user,
	 * refreshing the keys once when none fits.
	 */
	public IdTokenAuthentication authentication() {
		return this.authentication;
	}

	/** Which failed step gets which answer. */
	public LoginFailures failures() {
		return this.failures;
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
			.clientId(this.settings.clientId)
			.redirectUri(redirectUri(application))
			.scopes(this.settings.scopes);
		this.settings.parameters.forEach(builder::parameter);
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
				this.settings.maxPendingLogins, this.settings.maxPendingAge, now);
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
		return callback.response().toTokenRequest(callback.login(), this.settings.maxPendingAge, this.clock.instant());
	}

	/**
	 * Where the browser goes after a login: the login's {@code returnTo}, or the
	 * post-login path.
	 * @param login the completed login
	 * @param application where the request reached the application
	 * @return the local URL
	 */
	public URI afterLogin(PendingLogin login, ApplicationUrl application) {
		String target = (login.returnTo() != null) ? login.returnTo() : this.settings.postLoginRedirect;
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
		String postLogout = this.settings.postLogoutRedirectUri;
		boolean absolute = URI.create(postLogout).isAbsolute();
		if (user != null && discovery != null && discovery.getEndSessionEndpoint() != null) {
			URI target = absolute ? URI.create(postLogout) : application.absolute(postLogout);
			return LogoutRequest.withDiscovery(discovery)
				.idTokenHint(user.getIdToken().getTokenValue())
				.postLogoutRedirectUri(target)
				.clientId(this.settings.clientId)
				.build()
				.getUri();
		}
		return absolute ? URI.create(postLogout) : URI.create(application.local(postLogout));
	}

	/** Most pending logins one browser keeps. */
	public int getMaxPendingLogins() {
		return this.settings.maxPendingLogins;
	}

	/** How long a pending login stays redeemable. */
	public Duration getMaxPendingAge() {
		return this.settings.maxPendingAge;
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
		URI configured = this.settings.redirectUri;
		return (configured != null) ? configured : application.absolute(this.settings.callbackPath);
	}

	@Override
	public String toString() {
		return "BrowserLoginFlow[clientId=" + this.settings.clientId + ", issuer="
				+ this.settings.validator.getPolicy().getIssuer() + ", callback=" + this.settings.callbackPath + "]";
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

}
