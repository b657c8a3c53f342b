package dev.identity.browser;

import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.identity.browser.internal.BrowserLoginFlow;
import dev.identity.client.SmartOAuthClient;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenResponse;
import dev.identity.login.AuthenticatedUser;
import dev.identity.login.internal.AuthorizationRequest;
import dev.identity.login.internal.IdTokenValidator;
import dev.identity.login.internal.PendingLogin;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The browser login of a running application against a real OpenID provider, driven over
 * HTTP hop by hop as a browser would: Spring Authorization Server with PKCE required, its
 * login form, and the application's login, callback and logout endpoints. The Spring MVC
 * and WebFlux subclasses run the same scenarios on their own stack.
 * <p>
 * The provider registers the redirect URI
 * {@code http://127.0.0.1/login/oauth2/code/test}, on any port (RFC 8252 §7.3), hence the
 * callback path; and {@code http://127.0.0.1/} after logout.
 */
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
public abstract class BrowserLoginIntegrationTests {

	protected static final String CALLBACK_PATH = "/login/oauth2/code/test";

	protected static final String POST_LOGOUT = "http://127.0.0.1/";

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	protected static final TestProviderExtension provider = new TestProviderExtension();

	@LocalServerPort
	private int port;

	@Autowired
	private LastUser lastUser;

	@Autowired
	private SmartOAuthClient client;

	@Autowired
	private BrowserLoginFlow flow;

	@DynamicPropertySource
	static void identityProperties(DynamicPropertyRegistry registry) {
		for (String name : applicationProperties().keySet()) {
			registry.add(name, () -> applicationProperties().get(name));
		}
	}

	/**
	 * The properties of the application under test, and of any other that a test starts.
	 */
	private static Map<String, String> applicationProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("identity.issuer-uri", provider.issuer());
		properties.put("identity.client-id", TestProvider.CLIENT_ID);
		properties.put("identity.client-secret", TestProvider.CLIENT_SECRET);
		properties.put("identity.audiences", TestProvider.CLIENT_ID);
		// A rotated key is fetched at once rather than after the usual 30 s pause between
		// fetches.
		properties.put("identity.jwks.minimum-refresh-interval", "0s");
		properties.put("identity.login.callback-path", CALLBACK_PATH);
		properties.put("identity.login.post-logout-redirect-uri", POST_LOGOUT);
		properties.put("server.address", "127.0.0.1");
		// Everything the login logs, refusals included, is checked for codes and tokens.
		properties.put("logging.level.dev.identity", "debug");
		return properties;
	}

	/** Name of the application's session cookie. */
	protected abstract String sessionCookie();

	/**
	 * The application of this stack, for a test that runs it again with other properties.
	 */
	protected abstract SpringApplicationBuilder application();

	/**
	 * How many sessions the application's session store has created (MVC) or holds
	 * (WebFlux).
	 */
	protected abstract int storedSessions();

	@Test
	void loginWhenUserSignsInThenNoSessionUntilTheCallbackAndThenItHoldsTheUser(CapturedOutput output) {
		Browser browser = new Browser();
		HttpResponse<String> login = browser.get(app("/login"));
		URI authorization = Browser.location(login);
		assertThat(login.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(authorization.toString()).startsWith(provider.issuer() + "/oauth2/authorize?");
		Map<String, String> request = Browser.query(authorization);
		assertThat(request).containsEntry("response_type", "code")
			.containsEntry("client_id", TestProvider.CLIENT_ID)
			.containsEntry("redirect_uri", app(CALLBACK_PATH).toString())
			.containsEntry("scope", "openid profile email")
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("state", "nonce", "code_challenge")
			.doesNotContainKey("code_verifier");
		// The login in progress is the browser's to keep, sealed: no session, and no
		// value of it readable.
		assertThat(browser.cookie(sessionCookie())).isNull();
		assertThat(login.headers().allValues("Set-Cookie")).singleElement().satisfies((cookie) -> {
			assertThat(cookie).startsWith("identity-login-")
				.contains("Path=/")
				.containsIgnoringCase("HttpOnly")
				.contains("SameSite=Lax")
				.contains("Max-Age=600")
				.doesNotContain(request.get("state"))
				.doesNotContain(request.get("nonce"));
		});
		String pendingCookie = cookieName(login.headers().allValues("Set-Cookie").get(0));

		URI callback = browser.authorize(authorization);
		assertThat(callback.getPort()).isEqualTo(this.port);
		assertThat(callback.getPath()).isEqualTo(CALLBACK_PATH);
		Map<String, String> answer = Browser.query(callback);
		assertThat(answer).containsEntry("state", request.get("state")).containsKey("code");
		HttpResponse<String> completed = browser.get(callback);
		assertThat(Browser.location(completed)).isEqualTo(app("/"));
		assertThat(browser.cookie(sessionCookie())).isNotNull();
		assertThat(completed.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith(pendingCookie + "=;").contains("Max-Age=0"));

		assertThat(browser.get(app("/me")).body()).startsWith("sub=alice|");
		assertThat(browser.get(app("/maybe")).body()).isEqualTo("alice");
		assertThat(browser.get(app("/optional")).body()).isEqualTo("alice");
		assertThat(browser.get(app("/status")).body()).isEqualTo("true");
		AuthenticatedUser user = this.lastUser.get();
		assertThat(user.getSubject()).isEqualTo(TestProvider.USERNAME);
		assertThat(user.getIssuer()).isEqualTo(provider.issuer());
		assertThat(user.getIdToken().getAudiences()).containsExactly(TestProvider.CLIENT_ID);
		assertThat(output).doesNotContain(answer.get("code"))
			.doesNotContain(user.getAccessToken())
			.doesNotContain(user.getIdToken().getTokenValue());
	}

	@Test
	void loginWhenBrowserHadASessionBeforeThenItsIdIsRotated() {
		Browser browser = new Browser();
		browser.get(app("/visit"));
		String sessionBefore = browser.cookie(sessionCookie());
		assertThat(sessionBefore).isNotNull();
		URI callback = browser.authorize(Browser.location(browser.get(app("/login"))));
		assertThat(Browser.location(browser.get(callback))).isEqualTo(app("/"));
		assertThat(browser.cookie(sessionCookie())).isNotNull().isNotEqualTo(sessionBefore);
		assertThat(browser.get(app("/status")).body()).isEqualTo("true");
	}

	@Test
	void loginWhenReturnToIsALocalPathThenCallbackGoesThere() {
		Browser browser = new Browser();
		URI authorization = Browser.location(browser.get(app("/login?returnTo=%2Fmaybe%3Fx%3D1")));
		HttpResponse<String> completed = browser.get(browser.authorize(authorization));
		assertThat(Browser.location(completed)).isEqualTo(app("/maybe?x=1"));
	}

	@Test
	void loginWhenReturnToLeadsOffSiteThenCallbackGoesToThePostLoginPath() {
		Browser browser = new Browser();
		URI authorization = Browser.location(browser.get(app("/login?returnTo=%2F%2Fevil.example%2Fphish")));
		HttpResponse<String> completed = browser.get(browser.authorize(authorization));
		assertThat(Browser.location(completed)).isEqualTo(app("/"));
	}

	@Test
	void registerWhenRequestedThenProviderIsAskedForItsSignUpPage() {
		URI authorization = Browser.location(new Browser().get(app("/register")));
		assertThat(Browser.query(authorization)).containsEntry("prompt", "create")
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("state", "nonce");
	}

	@Test
	void callbackWhenBrowserHasNoSessionThenBadRequestAndNoSessionStarted() {
		Browser browser = new Browser();
		HttpResponse<String> response = browser.get(app(CALLBACK_PATH + "?code=forged-code&state=forged-state"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(browser.cookie(sessionCookie())).isNull();
	}

	@Test
	void callbackWhenStateIsForgedThenBadRequestAndTheRealLoginStillCompletes(CapturedOutput output) {
		Browser browser = new Browser();
		URI callback = browser.authorize(Browser.location(browser.get(app("/login"))));
		String code = Browser.query(callback).get("code");
		HttpResponse<String> forged = browser.get(app(CALLBACK_PATH + "?code=" + code + "&state=forged-state-value"));
		assertThat(forged.statusCode()).isEqualTo(400);
		assertThat(browser.get(app("/status")).body()).isEqualTo("false");
		assertThat(output).doesNotContain(code).doesNotContain("forged-state-value");

		assertThat(Browser.location(browser.get(callback))).isEqualTo(app("/"));
		assertThat(browser.get(app("/status")).body()).isEqualTo("true");
	}

	@Test
	void callbackWhenReplayedThenBadRequest() {
		Browser browser = new Browser();
		URI callback = browser.authorize(Browser.location(browser.get(app("/login"))));
		assertThat(Browser.location(browser.get(callback))).isEqualTo(app("/"));
		assertThat(browser.get(callback).statusCode()).isEqualTo(400);
	}

	@Test
	void callbackWhenTheProviderRefusesTheCodeThenErrorAndTheCookieThatWasReadIsDeleted() {
		Browser browser = new Browser();
		HttpResponse<String> login = browser.get(app("/login"));
		String pendingCookie = cookieName(login.headers().allValues("Set-Cookie").get(0));
		URI callback = browser.authorize(Browser.location(login));
		HttpResponse<String> refused = browser
			.get(app(CALLBACK_PATH + "?code=not-the-providers-code&state=" + Browser.query(callback).get("state")));
		// The token endpoint answers invalid_grant; the error handling of the stack
		// renders the answer.
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith(pendingCookie + "=;").contains("Max-Age=0"));
		assertThat(browser.get(callback).statusCode()).isEqualTo(400);
		assertThat(browser.cookie(sessionCookie())).isNull();
	}

	@Test
	void loginWhenBehindAProxyThatTerminatesTlsAndTheRedirectUriIsHttpsThenHostPrefixedSecureCookies() {
		// The proxy forwards plain HTTP and no forwarded headers: the application sees
		// http://127.0.0.1.
		String publicCallback = "https://127.0.0.1:8443" + CALLBACK_PATH;
		try (ConfigurableApplicationContext proxied = start(Map.of("identity.login.redirect-uri", publicCallback))) {
			int port = Integer.parseInt(proxied.getEnvironment().getProperty("local.server.port", "0"));
			Browser browser = new Browser();
			HttpResponse<String> login = browser.get(URI.create("http://127.0.0.1:" + port + "/login"));
			URI authorization = Browser.location(login);
			assertThat(Browser.query(authorization)).containsEntry("redirect_uri", publicCallback);
			String setCookie = login.headers().allValues("Set-Cookie").get(0);
			assertThat(setCookie).startsWith("__Host-identity-login-").contains("; Secure").contains("Path=/");
			String pendingCookie = cookieName(setCookie);

			URI callback = browser.authorize(authorization);
			assertThat(callback.toString()).startsWith(publicCallback + "?");
			// The browser sends its __Host- cookie to https://127.0.0.1:8443; the proxy
			// passes it on.
			String cookie = setCookie.substring(0, setCookie.indexOf(';'));
			HttpResponse<String> completed = new Browser().get(
					URI.create("http://127.0.0.1:" + port + CALLBACK_PATH + "?" + callback.getRawQuery()),
					Map.of("Cookie", cookie));
			assertThat(Browser.location(completed)).isEqualTo(URI.create("http://127.0.0.1:" + port + "/"));
			assertThat(completed.headers().allValues("Set-Cookie"))
				.anySatisfy((deleted) -> assertThat(deleted).startsWith(pendingCookie + "=;")
					.contains("Max-Age=0")
					.contains("; Secure"));
		}
	}

	@Test
	void loginWhenTwoTabsStartLoginsThenEachCallbackCompletesItsOwn() {
		Browser browser = new Browser();
		URI first = Browser.location(browser.get(app("/login?returnTo=/maybe")));
		URI second = Browser.location(browser.get(app("/login?returnTo=/optional")));
		// The second tab finishes first; the provider's session then answers the first
		// without its form.
		assertThat(Browser.location(browser.get(browser.authorize(second)))).isEqualTo(app("/optional"));
		assertThat(Browser.location(browser.get(browser.authorize(first)))).isEqualTo(app("/maybe"));
		assertThat(browser.get(app("/status")).body()).isEqualTo("true");
	}

	@Test
	void idTokenWhenNonceIsAnotherLoginsThenRejected() {
		AuthenticatedUser user = loggedInUser();
		String idToken = user.getIdToken().getTokenValue();
		TokenResponse tokens = TokenResponse.parse(json.writeValueAsString(Map.of("access_token", user.getAccessToken(),
				"token_type", "Bearer", "expires_in", 300, "id_token", idToken)), Instant.now());
		String nonce = user.getIdToken().getClaimAsString("nonce");
		assertThat(this.flow.authentication()
			.authenticate(tokens, pendingLogin(nonce), this.client.keys(), false)
			.getSubject()).isEqualTo(TestProvider.USERNAME);

		PendingLogin another = AuthorizationRequest.withDiscovery(this.client.discovery())
			.clientId(TestProvider.CLIENT_ID)
			.redirectUri(app(CALLBACK_PATH))
			.build(new SecureRandom(), Instant.now())
			.getPendingLogin();
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.flow.authentication().authenticate(tokens, another, this.client.keys(), false))
			.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.NONCE)).isTrue());
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> IdTokenValidator.forClient(provider.issuer(), TestProvider.CLIENT_ID)
				.build()
				.validate(idToken, this.client.keys(), another, user.getAccessToken(), Instant.now()))
			.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.NONCE)).isTrue());
	}

	@Test
	void userInfoWhenReadWithTheSessionsAccessTokenThenSubjectIsTheIdTokens() {
		Browser browser = loggedIn();
		assertThat(browser.get(app("/userinfo")).body()).isEqualTo("alice|true");
	}

	@Test
	void refreshWhenSessionsRefreshTokenIsRedeemedThenNewTokens() {
		Browser browser = loggedIn();
		browser.get(app("/me"));
		assertThat(this.lastUser.get().getRefreshToken()).isNotNull();
		assertThat(browser.get(app("/refresh")).body()).isEqualTo("new-access-token=true");
	}

	@Test
	void logoutWhenConfirmedOnItsPageThenProviderEndsItsSessionAndTheApplicationsIsCleared() {
		Browser browser = loggedIn();
		browser.get(app("/me"));
		AuthenticatedUser user = this.lastUser.get();
		HttpResponse<String> page = browser.get(app("/logout"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(policy) -> assertThat(policy).contains("default-src 'none'").contains("frame-ancestors 'none'"));
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(page.body()).contains("<form method=\"post\" action=\"/logout\">").contains("name=\"logout_token\"");
		// Showing the page logs nobody out.
		assertThat(browser.get(app("/status")).body()).isEqualTo("true");

		// Submitted without Origin or Sec-Fetch-Site, as a client that is not a browser:
		// its token is the proof.
		URI endSession = Browser.location(browser.submit(page));
		URI endpoint = this.client.discovery().getEndSessionEndpoint();
		assertThat(endpoint).isNotNull();
		assertThat(endSession.toString()).startsWith(endpoint + "?");
		assertThat(Browser.query(endSession)).containsEntry("id_token_hint", user.getIdToken().getTokenValue())
			.containsEntry("post_logout_redirect_uri", POST_LOGOUT)
			.containsEntry("client_id", TestProvider.CLIENT_ID);
		assertThat(browser.get(app("/status")).body()).isEqualTo("false");
		assertThat(browser.get(app("/maybe")).body()).isEqualTo("anonymous");

		// The provider accepts the request and ends its own session: the next login needs
		// its form again.
		assertThat(Browser.location(browser.get(endSession))).isEqualTo(URI.create(POST_LOGOUT));
		URI authorization = Browser.location(browser.get(app("/login")));
		URI providerLogin = Browser.location(browser.get(authorization));
		assertThat(providerLogin.toString()).isEqualTo(provider.issuer() + "/login");
	}

	@Test
	void logoutWhenPostFromTheApplicationsOwnPageThenProviderEndSessionWithHint() {
		Browser browser = loggedIn();
		URI endSession = Browser.location(browser.post(app("/logout"), Map.of(), Map.of("Origin", origin())));
		assertThat(Browser.query(endSession)).containsKeys("id_token_hint", "post_logout_redirect_uri");
		assertThat(browser.get(app("/status")).body()).isEqualTo("false");

		Browser another = loggedIn();
		URI endAnother = Browser.location(
				another.post(app("/logout"), Map.of(), Map.of("Sec-Fetch-Site", "same-origin", "Origin", "null")));
		assertThat(Browser.query(endAnother)).containsKeys("id_token_hint");
		assertThat(another.get(app("/status")).body()).isEqualTo("false");
	}

	@Test
	void logoutWhenPostFromAnotherSiteThenForbiddenAndBothSessionsSurvive() {
		Browser browser = loggedIn();
		String token = Browser.hidden(browser.get(app("/logout")), "logout_token");
		for (Map<String, String> crossSite : List.of(Map.of("Origin", "https://evil.example"),
				Map.of("Origin", "http://127.0.0.1:1"), Map.of("Sec-Fetch-Site", "cross-site"),
				Map.of("Sec-Fetch-Site", "same-site", "Origin", origin()),
				Map.of("Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"))) {
			HttpResponse<String> refused = browser.post(app("/logout"), Map.of(), crossSite);
			assertThat(refused.statusCode()).as("%s", crossSite).isEqualTo(403);
			assertThat(refused.headers().firstValue("Location")).isEmpty();
		}
		// Not even with the page's token: the browser says the request comes from another
		// site.
		assertThat(browser.post(app("/logout"), Map.of("logout_token", token), Map.of("Sec-Fetch-Site", "cross-site"))
			.statusCode()).isEqualTo(403);
		assertThat(browser.get(app("/status")).body()).isEqualTo("true");
		// The browser was sent nowhere, so the provider's session survives: it signs in
		// again without its form.
		URI authorization = Browser.location(browser.get(app("/login")));
		assertThat(Browser.location(browser.get(authorization)).getPath()).isEqualTo(CALLBACK_PATH);
	}

	@Test
	void logoutWhenPostWithoutOriginOrFetchMetadataThenTheConfirmationPagesTokenIsRequired() {
		Browser browser = loggedIn();
		assertThat(browser.post(app("/logout"), Map.of()).statusCode()).isEqualTo(403);
		assertThat(browser.post(app("/logout"), Map.of("logout_token", "guessed-token")).statusCode()).isEqualTo(403);
		assertThat(browser.post(app("/logout"), Map.of(), Map.of("Origin", "null")).statusCode()).isEqualTo(403);
		assertThat(browser.get(app("/status")).body()).isEqualTo("true");
		// Another session's token is no proof either.
		String othersToken = Browser.hidden(loggedIn().get(app("/logout")), "logout_token");
		assertThat(browser.post(app("/logout"), Map.of("logout_token", othersToken)).statusCode()).isEqualTo(403);
		assertThat(browser.get(app("/status")).body()).isEqualTo("true");

		String token = Browser.hidden(browser.get(app("/logout")), "logout_token");
		assertThat(Browser.query(Browser.location(browser.post(app("/logout"), Map.of("logout_token", token)))))
			.containsKey("id_token_hint");
		assertThat(browser.get(app("/status")).body()).isEqualTo("false");
	}

	@Test
	void logoutWhenGetFromAnotherSiteThenOnlyThePageAndNobodyLoggedOut() {
		Browser browser = loggedIn();
		HttpResponse<String> page = browser.get(app("/logout"),
				Map.of("Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Location")).isEmpty();
		assertThat(browser.get(app("/status")).body()).isEqualTo("true");
		assertThat(browser.get(app("/me")).body()).startsWith("sub=alice|");
	}

	@Test
	void logoutWhenNobodyIsLoggedInThenPostLogoutUrlAndNoSessionStarted() {
		Browser browser = new Browser();
		assertThat(Browser.location(browser.get(app("/logout")))).isEqualTo(URI.create(POST_LOGOUT));
		assertThat(Browser.location(browser.post(app("/logout"), Map.of(), Map.of("Origin", origin()))))
			.isEqualTo(URI.create(POST_LOGOUT));
		assertThat(browser.cookie(sessionCookie())).isNull();
	}

	@Test
	void requiredUserWhenAnonymousPageThenLoginAndBackToThePage() {
		Browser browser = new Browser();
		URI login = Browser.location(browser.get(app("/me?x=1")));
		assertThat(login).isEqualTo(app("/login?returnTo=%2Fme%3Fx%3D1"));
		URI authorization = Browser.location(browser.get(login));
		assertThat(Browser.location(browser.get(browser.authorize(authorization)))).isEqualTo(app("/me?x=1"));
		assertThat(browser.get(app("/me?x=1")).body()).startsWith("sub=alice|");
	}

	@Test
	void requiredUserWhenAnonymousApiCallThenUnauthorized() {
		HttpResponse<String> response = new Browser().get(app("/me"), "application/json");
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void optionalUserWhenAnonymousThenNullOrEmptyAndNoSessionStarted() {
		Browser browser = new Browser();
		assertThat(browser.get(app("/maybe")).body()).isEqualTo("anonymous");
		assertThat(browser.get(app("/optional")).body()).isEqualTo("none");
		assertThat(browser.get(app("/status")).body()).isEqualTo("false");
		assertThat(browser.cookie(sessionCookie())).isNull();
	}

	@Test
	void callbackWhenProviderRotatedItsKeyThenKeysAreRefreshedOnceAndLoginCompletes() {
		loggedIn();
		provider.rotateKey();
		Browser browser = new Browser();
		URI callback = browser.authorize(Browser.location(browser.get(app("/login"))));
		provider.resetCounts();
		assertThat(Browser.location(browser.get(callback))).isEqualTo(app("/"));
		assertThat(provider.jwksRequests()).isEqualTo(1);
		browser.get(app("/me"));
		assertThat(this.lastUser.get().getIdToken().getKeyId()).isEqualTo(provider.currentKeyId());
	}

	@Test
	void loginWhenFloodedByAnonymousRequestsThenNoServerStateGrowsAndANewVisitorStillSignsIn() throws Exception {
		// A visitor whose login is in progress while the flood runs completes it
		// afterwards.
		Browser earlier = new Browser();
		URI earlierAuthorization = Browser.location(earlier.get(app("/login?returnTo=/maybe")));
		String returnTo = "/" + "a".repeat(2_999);
		URI flood = app("/login?returnTo=" + returnTo);
		int sessionsBefore = storedSessions();
		assertThat(LoginFlood.send(flood, 2_000)).as("answers other than 302").isZero();
		long heapAfterWarmUp = LoginFlood.retainedHeap();
		assertThat(LoginFlood.send(flood, 18_000)).as("answers other than 302").isZero();
		long heapAfterFlood = LoginFlood.retainedHeap();

		assertThat(storedSessions()).as("sessions created by 20,000 anonymous logins").isEqualTo(sessionsBefore);
		// A session per login kept about 4 KB each: 72 MB for these 18,000. Nothing is
		// kept now; the
		// margin is the measurement's noise.
		assertThat(heapAfterFlood - heapAfterWarmUp).as("heap retained by 18,000 more anonymous logins")
			.isLessThan(16L * 1024 * 1024);
		assertThat(Browser.location(earlier.get(earlier.authorize(earlierAuthorization)))).isEqualTo(app("/maybe"));
		Browser visitor = loggedIn();
		assertThat(visitor.get(app("/status")).body()).isEqualTo("true");
	}

	/** A browser whose session holds a completed login. */
	protected Browser loggedIn() {
		Browser browser = new Browser();
		URI callback = browser.authorize(Browser.location(browser.get(app("/login"))));
		assertThat(Browser.location(browser.get(callback))).isEqualTo(app("/"));
		return browser;
	}

	private AuthenticatedUser loggedInUser() {
		loggedIn().get(app("/me"));
		return this.lastUser.get();
	}

	private PendingLogin pendingLogin(String nonce) {
		return new PendingLogin(provider.issuer(), false, app(CALLBACK_PATH), "state-of-the-test-login", nonce,
				"v".repeat(43), null, null, Instant.now());
	}

	private String origin() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The name of the cookie a {@code Set-Cookie} header sets. */
	private static String cookieName(String setCookie) {
		return setCookie.substring(0, setCookie.indexOf('='));
	}

	/**
	 * This stack's application once more, on a port of its own, with further properties.
	 */
	private ConfigurableApplicationContext start(Map<String, String> properties) {
		Map<String, String> all = applicationProperties();
		all.put("server.port", "0");
		all.putAll(properties);
		String[] pairs = all.entrySet()
			.stream()
			.map((property) -> property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		return application().properties(pairs).run();
	}

	protected URI app(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

}
