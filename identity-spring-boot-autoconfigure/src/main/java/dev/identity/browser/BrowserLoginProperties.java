package dev.identity.browser;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Browser login of a web application that has a client id ({@code identity.client-id}):
 * the endpoints that run the OpenID Connect authorization-code flow and where they send
 * the browser. Paths are relative to the application's context path.
 */
@ConfigurationProperties("identity.login")
public class BrowserLoginProperties {

	/**
	 * Whether the browser login endpoints are served.
	 */
	private boolean enabled = true;

	/**
	 * Path that sends the browser to the provider to log in; takes an optional local
	 * "returnTo" path.
	 */
	private String loginPath = "/login";

	/**
	 * Path that sends the browser to the provider's sign-up page (a login with
	 * prompt=create).
	 */
	private String registerPath = "/register";

	/**
	 * Path of the redirection endpoint that receives the provider's answer.
	 */
	private String callbackPath = "/login/callback";

	/**
	 * Path that ends the session, and then the provider's session when it supports
	 * RP-Initiated Logout: a POST from the application's own pages ends it, a GET shows a
	 * page that asks for confirmation.
	 */
	private String logoutPath = "/logout";

	/**
	 * Redirect URI registered with the provider, absolute. By default the request's base
	 * URL (as the server sees it, forwarded headers included only when a
	 * ForwardedHeaderFilter or the server applied them) plus the context path and the
	 * callback path.
	 */
	private @Nullable URI redirectUri;

	/**
	 * Scopes to request; "openid" is always requested.
	 */
	private List<String> scopes = new ArrayList<>(List.of("openid", "profile", "email"));

	/**
	 * Further parameters of the authorization request, e.g. "audience" or "ui_locales".
	 */
	private Map<String, String> authorizationParameters = new LinkedHashMap<>();

	/**
	 * Audiences besides the client id that an ID token may carry.
	 */
	private List<String> trustedAudiences = new ArrayList<>();

	/**
	 * Path to show after a login that named no "returnTo".
	 */
	private String postLoginRedirect = "/";

	/**
	 * Where the browser goes after logout: a path of the application or an absolute
	 * http(s) URL. The provider receives it, made absolute, as post_logout_redirect_uri,
	 * so it must be registered there.
	 */
	private String postLogoutRedirectUri = "/";

	/**
	 * How long a started login may take before its callback is refused.
	 */
	private Duration maxPendingAge = Duration.ofMinutes(10);

	/**
	 * Most logins one browser may have in progress at once (one per tab); the oldest is
	 * dropped first.
	 */
	private int maxPendingLogins = 5;

	/**
	 * Key that seals the cookies of logins in progress: 32 random bytes in base64, the
	 * same on every instance that may receive a login's callback. By default a random key
	 * for each start.
	 */
	private @Nullable String pendingLoginKey;

	/**
	 * Order of the filter serving the endpoints: after session repositories and
	 * forwarded-header filters, before Spring Security's filter chain (-100).
	 */
	private int filterOrder = -200;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getLoginPath() {
		return this.loginPath;
	}

	public void setLoginPath(String loginPath) {
		this.loginPath = loginPath;
	}

	public String getRegisterPath() {
		return this.registerPath;
	}

	public void setRegisterPath(String registerPath) {
		this.registerPath = registerPath;
	}

	public String getCallbackPath() {
		return this.callbackPath;
	}

	public void setCallbackPath(String callbackPath) {
		this.callbackPath = callbackPath;
	}

	public String getLogoutPath() {
		return this.logoutPath;
	}

	public void setLogoutPath(String logoutPath) {
		this.logoutPath = logoutPath;
	}

	public @Nullable URI getRedirectUri() {
		return this.redirectUri;
	}

	public void setRedirectUri(@Nullable URI redirectUri) {
		this.redirectUri = redirectUri;
	}

	public List<String> getScopes() {
		return this.scopes;
	}

	public void setScopes(List<String> scopes) {
		this.scopes = scopes;
	}

	public Map<String, String> getAuthorizationParameters() {
		return this.authorizationParameters;
	}

	public void setAuthorizationParameters(Map<String, String> authorizationParameters) {
		this.authorizationParameters = authorizationParameters;
	}

	public List<String> getTrustedAudiences() {
		return this.trustedAudiences;
	}

	public void setTrustedAudiences(List<String> trustedAudiences) {
		this.trustedAudiences = trustedAudiences;
	}

	public String getPostLoginRedirect() {
		return this.postLoginRedirect;
	}

	public void setPostLoginRedirect(String postLoginRedirect) {
		this.postLoginRedirect = postLoginRedirect;
	}

	public String getPostLogoutRedirectUri() {
		return this.postLogoutRedirectUri;
	}

	public void setPostLogoutRedirectUri(String postLogoutRedirectUri) {
		this.postLogoutRedirectUri = postLogoutRedirectUri;
	}

	public Duration getMaxPendingAge() {
		return this.maxPendingAge;
	}

	public void setMaxPendingAge(Duration maxPendingAge) {
		this.maxPendingAge = maxPendingAge;
	}

	public int getMaxPendingLogins() {
		return this.maxPendingLogins;
	}

	public void setMaxPendingLogins(int maxPendingLogins) {
		this.maxPendingLogins = maxPendingLogins;
	}

	public @Nullable String getPendingLoginKey() {
		return this.pendingLoginKey;
	}

	public void setPendingLoginKey(@Nullable String pendingLoginKey) {
		this.pendingLoginKey = pendingLoginKey;
	}

	public int getFilterOrder() {
		return this.filterOrder;
	}

	public void setFilterOrder(int filterOrder) {
		this.filterOrder = filterOrder;
	}

}
