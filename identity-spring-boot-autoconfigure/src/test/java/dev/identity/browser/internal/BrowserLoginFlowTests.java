package dev.identity.browser.internal;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.identity.browser.ApplicationUrl;
import dev.identity.browser.Browser;
import dev.identity.browser.BrowserLoginProperties;
import dev.identity.core.DiscoveryDocument;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.KeySet;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import dev.identity.login.AuthenticatedUser;
import dev.identity.login.AuthorizationErrorException;
import dev.identity.login.CallbackCheck;
import dev.identity.login.InvalidCallbackException;
import dev.identity.login.internal.PendingLogin;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules of the browser login, in memory and on simulated time: the same rules the MVC
 * and WebFlux endpoints follow.
 */
class BrowserLoginFlowTests {

	private static final String ISSUER = LoginEngineSettings.ISSUER;

	private static final String CLIENT_ID = LoginEngineSettings.CLIENT_ID;

	private static final ApplicationUrl APP = new ApplicationUrl("https", "app.example.com", 443, "");

	private static final RSAKey KEY = rsa("key-1");

	private static final RSAKey OTHER_KEY = rsa("key-2");

	private static final DiscoveryDocument DISCOVERY = discovery(true);

	private final MutableClock clock = new MutableClock(Instant.parse("2030-06-01T12:00:00Z"));

	private BrowserLoginFlow flow() {
		return flow((properties) -> {
		});
	}

	private BrowserLoginFlow flow(Consumer<BrowserLoginProperties> customizer) {
		return flow(customizer, false);
	}

	private BrowserLoginFlow flow(Consumer<BrowserLoginProperties> customizer, boolean opaqueTokens) {
		BrowserLoginProperties properties = new BrowserLoginProperties();
		customizer.accept(properties);
		return new BrowserLoginFlow(properties, LoginEngineSettings.of(opaqueTokens), this.clock, new SecureRandom());
	}

	@Test
	void startWhenDefaultsThenCodeFlowWithPkceToTheCallbackOfTheRequestsUrl() {
		BrowserLoginFlow.Start start = flow().start(DISCOVERY, false, null, APP, null);
		Map<String, String> query = Browser.query(start.authorizationUri());
		assertThat(start.authorizationUri().toString()).startsWith(ISSUER + "/authorize?");
		assertThat(query).containsEntry("response_type", "code")
			.containsEntry("client_id", CLIENT_ID)
			.containsEntry("redirect_uri", "https://app.example.com/login/callback")
			.containsEntry("scope", "openid profile email")
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("state", "nonce", "code_challenge")
			.doesNotContainKeys("prompt", "code_verifier");
		assertThat(start.pendingLogins().size()).isEqualTo(1);
		assertThat(start.pendingLogins().find(query.get("state"))).isNotNull();
	}

	@Test
	void startWhenPortAndContextPathThenRedirectUriHasThem() {
		ApplicationUrl application = new ApplicationUrl("http", "127.0.0.1", 8080, "/shop");
		assertThat(Browser.query(flow().start(DISCOVERY, false, null, application, null).authorizationUri()))
			.containsEntry("redirect_uri", "http://127.0.0.1:8080/shop/login/callback");
		assertThat(flow().redirectUri(new ApplicationUrl("http", "::1", 80, "")))
			.isEqualTo(URI.create("http://[::1]/login/callback"));
	}

	@Test
	void startWhenRedirectUriConfiguredThenRequestsUrlIgnored() {
		BrowserLoginFlow flow = flow(
				(properties) -> properties.setRedirectUri(URI.create("https://public.example.com/cb")));
		assertThat(Browser.query(flow.start(DISCOVERY, false, null, APP, null).authorizationUri()))
			.containsEntry("redirect_uri", "https://public.example.com/cb");
	}

	@Test
	void isSecureWhenTheRequestOrTheRedirectUriIsHttpsThenSecure() {
		ApplicationUrl plain = new ApplicationUrl("http", "app.internal", 8080, "");
		assertThat(flow().isSecure(APP)).isTrue();
		assertThat(flow().isSecure(plain)).isFalse();
		// Behind a proxy that terminates TLS and whose forwarded headers are not applied,
		// the request says
		// http; the redirect URI tells what the browser speaks.
		BrowserLoginFlow proxied = flow(
				(properties) -> properties.setRedirectUri(URI.create("HTTPS://app.example.com/cb")));
		assertThat(proxied.isSecure(plain)).isTrue();
		BrowserLoginFlow local = flow((properties) -> properties.setRedirectUri(URI.create("http://127.0.0.1/cb")));
		assertThat(local.isSecure(plain)).isFalse();
	}

	@Test
	void startWhenRegisterThenPromptCreateAndConfiguredParametersSent() {
		BrowserLoginFlow flow = flow((properties) -> {
			properties.setScopes(List.of("openid", "offline_access"));
			properties.getAuthorizationParameters().put("audience", "https://api.example.com");
		});
		Map<String, String> query = Browser.query(flow.start(DISCOVERY, true, null, APP, null).authorizationUri());
		assertThat(query).containsEntry("prompt", "create")
			.containsEntry("audience", "https://api.example.com")
			.containsEntry("scope", "openid offline_access");
	}

	@Test
	void startWhenReturnToIsLocalThenKeptAndLoginEndsThere() {
		BrowserLoginFlow flow = flow();
		ApplicationUrl shop = new ApplicationUrl("https", "app.example.com", 443, "/shop");
		BrowserLoginFlow.Start start = flow.start(DISCOVERY, false, "/orders?id=7", shop, null);
		PendingLogin login = start.pendingLogins().find(state(start));
		assertThat(login.returnTo()).isEqualTo("/orders?id=7");
		assertThat(flow.afterLogin(login, shop)).isEqualTo(URI.create("/shop/orders?id=7"));
	}

	@Test
	void startWhenReturnToCouldLeaveTheSiteThenIgnored() {
		BrowserLoginFlow flow = flow((properties) -> properties.setPostLoginRedirect("/home"));
		for (String offSite : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example",
				"javascript:alert(1)", "orders", "/\torders")) {
			BrowserLoginFlow.Start start = flow.start(DISCOVERY, false, offSite, APP, null);
			PendingLogin login = start.pendingLogins().find(state(start));
			assertThat(login.returnTo()).as(offSite).isNull();
			assertThat(flow.afterLogin(login, APP)).isEqualTo(URI.create("/home"));
		}
	}

	@Test
	void startWhenReturnToIsLongerThan2KbThenIgnored() {
		BrowserLoginFlow flow = flow();
		String longest = "/" + "a".repeat(PendingLogin.MAX_RETURN_TO_LENGTH - 1);
		BrowserLoginFlow.Start kept = flow.start(DISCOVERY, false, longest, APP, null);
		assertThat(kept.pendingLogins().find(state(kept)).returnTo()).isEqualTo(longest);
		BrowserLoginFlow.Start start = flow.start(DISCOVERY, false, longest + "a", APP, null);
		PendingLogin login = start.pendingLogins().find(state(start));
		assertThat(login.returnTo()).isNull();
		assertThat(flow.afterLogin(login, APP)).isEqualTo(URI.create("/"));
	}

	@Test
	void startWhenMoreTabsThanAllowedThenOldestLoginDropped() {
		BrowserLoginFlow flow = flow((properties) -> properties.setMaxPendingLogins(2));
		BrowserLoginFlow.Start first = flow.start(DISCOVERY, false, null, APP, null);
		BrowserLoginFlow.Start second = flow.start(DISCOVERY, false, null, APP, first.pendingLogins());
		BrowserLoginFlow.Start third = flow.start(DISCOVERY, false, null, APP, second.pendingLogins());
		assertThat(third.pendingLogins().size()).isEqualTo(2);
		assertThat(third.pendingLogins().find(state(first))).isNull();
		assertThat(third.pendingLogins().find(state(second))).isNotNull();
		assertThat(third.pendingLogins().find(state(third))).isNotNull();
	}

	@Test
	void startWhenAnEarlierLoginExpiredThenItIsDropped() {
		BrowserLoginFlow flow = flow();
		BrowserLoginFlow.Start first = flow.start(DISCOVERY, false, null, APP, null);
		this.clock.advance(Duration.ofMinutes(11));
		BrowserLoginFlow.Start second = flow.start(DISCOVERY, false, null, APP, first.pendingLogins());
		assertThat(second.pendingLogins().size()).isEqualTo(1);
		assertThat(second.pendingLogins().find(state(first))).isNull();
	}

	@Test
	void callbackWhenStateMatchesThenThatLoginIsSpentAndTheOthersKept() {
		BrowserLoginFlow flow = flow();
		BrowserLoginFlow.Start first = flow.start(DISCOVERY, false, null, APP, null);
		BrowserLoginFlow.Start second = flow.start(DISCOVERY, false, null, APP, first.pendingLogins());
		BrowserLoginFlow.Callback callback = flow.callback(parameters("code", "the-code", "state", state(first)),
				second.pendingLogins());
		assertThat(callback.login()).isEqualTo(first.pendingLogins().find(state(first)));
		assertThat(callback.remaining().size()).isEqualTo(1);
		assertThat(callback.remaining().find(state(first))).isNull();
		assertThat(callback.remaining().find(state(second))).isNotNull();

		TokenRequest.AuthorizationCode request = flow.tokenRequest(callback);
		assertThat(request.code()).isEqualTo("the-code");
		assertThat(request.redirectUri()).isEqualTo(URI.create("https://app.example.com/login/callback"));
		assertThat(request.codeVerifier()).isEqualTo(callback.login().codeVerifier());
	}

	@Test
	void callbackWhenStateAnswersNoPendingLoginThenStateCheckFails() {
		BrowserLoginFlow flow = flow();
		BrowserLoginFlow.Start start = flow.start(DISCOVERY, false, null, APP, null);
		assertThatExceptionOfType(InvalidCallbackException.class)
			.isThrownBy(
					() -> flow.callback(parameters("code", "c", "state", "guessed-state-4711"), start.pendingLogins()))
			.satisfies((ex) -> assertThat(ex.getCheck()).isEqualTo(CallbackCheck.STATE))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("guessed-state-4711"));
		assertThatExceptionOfType(InvalidCallbackException.class)
			.isThrownBy(() -> flow.callback(parameters("code", "c", "state", state(start)), null))
			.satisfies((ex) -> assertThat(ex.getCheck()).isEqualTo(CallbackCheck.STATE));
		assertThatExceptionOfType(InvalidCallbackException.class)
			.isThrownBy(() -> flow.callback(parameters("code", "c"), start.pendingLogins()))
			.satisfies((ex) -> assertThat(ex.getCheck()).isEqualTo(CallbackCheck.STATE));
	}

	@Test
	void tokenRequestWhenLoginTookTooLongThenExpired() {
		BrowserLoginFlow flow = flow((properties) -> properties.setMaxPendingAge(Duration.ofMinutes(2)));
		BrowserLoginFlow.Start start = flow.start(DISCOVERY, false, null, APP, null);
		this.clock.advance(Duration.ofMinutes(3));
		BrowserLoginFlow.Callback callback = flow.callback(parameters("code", "c", "state", state(start)),
				start.pendingLogins());
		assertThatExceptionOfType(InvalidCallbackException.class).isThrownBy(() -> flow.tokenRequest(callback))
			.satisfies((ex) -> assertThat(ex.getCheck()).isEqualTo(CallbackCheck.EXPIRED));
	}

	@Test
	void tokenRequestWhenProviderAnsweredAnErrorThenAuthorizationError() {
		BrowserLoginFlow flow = flow();
		BrowserLoginFlow.Start start = flow.start(DISCOVERY, false, null, APP, null);
		BrowserLoginFlow.Callback callback = flow.callback(parameters("error", "access_denied", "state", state(start)),
				start.pendingLogins());
		assertThat(callback.remaining().isEmpty()).isTrue();
		assertThatExceptionOfType(AuthorizationErrorException.class).isThrownBy(() -> flow.tokenRequest(callback))
			.satisfies((ex) -> assertThat(ex.isAccessDenied()).isTrue());
	}

	@Test
	void authenticateWhenIdTokenValidThenUser() {
		BrowserLoginFlow flow = flow();
		PendingLogin login = login(flow);
		AuthenticatedUser user = flow.authentication()
			.authenticate(tokens(idToken(KEY, login.nonce())), login, keys(KEY), false);
		assertThat(user.getSubject()).isEqualTo("alice");
		assertThat(user.getEmail()).isEqualTo("alice@example.com");
		assertThat(user.getAccessToken()).isEqualTo("the-access-token");
	}

	@Test
	void authenticateWhenKeyUnknownThenRefreshAskedOnceThenRejected() {
		BrowserLoginFlow flow = flow();
		PendingLogin login = login(flow);
		TokenResponse tokens = tokens(idToken(OTHER_KEY, login.nonce()));
		assertThat(flow.authentication().authenticate(tokens, login, keys(KEY), false)).isNull();
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> flow.authentication().authenticate(tokens, login, keys(KEY), true))
			.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.KEY)).isTrue());
		assertThat(flow.authentication().authenticate(tokens, login, keys(KEY, OTHER_KEY), true).getSubject())
			.isEqualTo("alice");
	}

	@Test
	void authenticateWhenEngineValidatesByIntrospectionThenNoRefreshAsked() {
		BrowserLoginFlow flow = flow((properties) -> {
		}, true);
		PendingLogin login = login(flow);
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> flow.authentication()
				.authenticate(tokens(idToken(OTHER_KEY, login.nonce())), login, keys(KEY), false))
			.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.KEY)).isTrue());
	}

	@Test
	void authenticateWhenNonceIsAnotherLoginsThenRejectedWithoutRefresh() {
		BrowserLoginFlow flow = flow();
		PendingLogin login = login(flow);
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> flow.authentication()
				.authenticate(tokens(idToken(KEY, "another-nonce")), login, keys(KEY), false))
			.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.NONCE)).isTrue());
	}

	@Test
	void authenticateWhenKeyUnknownThenEngineRefreshesOnceAndTokenValidatedAgain() {
		BrowserLoginFlow flow = flow();
		PendingLogin login = login(flow);
		ScriptedKeys keys = new ScriptedKeys(keys(KEY), keys(KEY, OTHER_KEY), null);
		AuthenticatedUser user = flow.authentication()
			.authenticate(tokens(idToken(OTHER_KEY, login.nonce())), login, keys)
			.join();
		assertThat(user.getSubject()).isEqualTo("alice");
		assertThat(keys.validated).containsExactly(tokens(idToken(OTHER_KEY, login.nonce())).getIdToken());
	}

	@Test
	void authenticateWhenKeyKnownThenNoRefresh() {
		BrowserLoginFlow flow = flow();
		PendingLogin login = login(flow);
		ScriptedKeys keys = new ScriptedKeys(keys(KEY), keys(KEY), null);
		assertThat(flow.authentication().authenticate(tokens(idToken(KEY, login.nonce())), login, keys).join())
			.isNotNull();
		assertThat(keys.validated).isEmpty();
	}

	@Test
	void authenticateWhenRefreshedKeysStillLackTheKeyThenRejectedAfterOneRefresh() {
		BrowserLoginFlow flow = flow();
		PendingLogin login = login(flow);
		ScriptedKeys keys = new ScriptedKeys(keys(KEY), keys(KEY), null);
		assertThat(flow.authentication().authenticate(tokens(idToken(OTHER_KEY, login.nonce())), login, keys))
			.failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOfSatisfying(InvalidTokenException.class,
					(ex) -> assertThat(ex.hasFailed(TokenCheck.KEY)).isTrue());
		assertThat(keys.validated).hasSize(1);
	}

	@Test
	void authenticateWhenEngineRefusesTheIdTokenThenItsRefreshedKeysStillCount() {
		BrowserLoginFlow flow = flow();
		PendingLogin login = login(flow);
		ScriptedKeys keys = new ScriptedKeys(keys(KEY), keys(KEY, OTHER_KEY),
				InvalidTokenException.of(TokenCheck.AUDIENCE, "an ID token is not for the API"));
		assertThat(flow.authentication()
			.authenticate(tokens(idToken(OTHER_KEY, login.nonce())), login, keys)
			.join()
			.getSubject()).isEqualTo("alice");
	}

	@Test
	void authenticateWhenRefreshFailsWithAnotherErrorThenThatError() {
		BrowserLoginFlow flow = flow();
		PendingLogin login = login(flow);
		ScriptedKeys keys = new ScriptedKeys(keys(KEY), keys(KEY, OTHER_KEY), new IllegalStateException("a bug"));
		assertThat(flow.authentication().authenticate(tokens(idToken(OTHER_KEY, login.nonce())), login, keys))
			.failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessage("a bug");
	}

	@Test
	void authenticateWhenEngineValidatesByIntrospectionThenKeysNotRefreshed() {
		BrowserLoginFlow flow = flow((properties) -> {
		}, true);
		PendingLogin login = login(flow);
		ScriptedKeys keys = new ScriptedKeys(keys(KEY), keys(KEY, OTHER_KEY), null);
		assertThat(flow.authentication().authenticate(tokens(idToken(OTHER_KEY, login.nonce())), login, keys))
			.failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(InvalidTokenException.class);
		assertThat(keys.validated).isEmpty();
	}

	@Test
	void authenticateWhenTokenResponseHasNoIdTokenThenRejected() {
		BrowserLoginFlow flow = flow();
		TokenResponse tokens = TokenResponse.parse("{\"access_token\":\"a\",\"token_type\":\"Bearer\"}",
				this.clock.instant());
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> flow.authentication().authenticate(tokens, login(flow), keys(KEY), false))
			.withMessageContaining("id_token");
	}

	@Test
	void afterLogoutWhenUserAndEndSessionEndpointThenProviderLogoutWithHint() {
		BrowserLoginFlow flow = flow();
		AuthenticatedUser user = user(flow);
		URI target = flow.afterLogout(DISCOVERY, user, APP);
		assertThat(target.toString()).startsWith(ISSUER + "/logout?");
		assertThat(Browser.query(target)).containsEntry("id_token_hint", user.getIdToken().getTokenValue())
			.containsEntry("post_logout_redirect_uri", "https://app.example.com/")
			.containsEntry("client_id", CLIENT_ID);
	}

	@Test
	void afterLogoutWhenNoUserOrNoEndSessionEndpointThenPostLogoutPath() {
		BrowserLoginFlow flow = flow((properties) -> properties.setPostLogoutRedirectUri("/bye"));
		ApplicationUrl shop = new ApplicationUrl("https", "app.example.com", 443, "/shop");
		AuthenticatedUser user = user(flow);
		assertThat(flow.endsProviderSession(null)).isFalse();
		assertThat(flow.endsProviderSession(user)).isTrue();
		assertThat(flow.afterLogout(DISCOVERY, null, shop)).isEqualTo(URI.create("/shop/bye"));
		assertThat(flow.afterLogout(discovery(false), user, shop)).isEqualTo(URI.create("/shop/bye"));
		assertThat(flow.afterLogout(null, user, shop)).isEqualTo(URI.create("/shop/bye"));
		assertThat(Browser.query(flow.afterLogout(DISCOVERY, user, shop))).containsEntry("post_logout_redirect_uri",
				"https://app.example.com/shop/bye");
	}

	@Test
	void afterLogoutWhenAbsolutePostLogoutUrlThenUsedAsIs() {
		BrowserLoginFlow flow = flow((properties) -> properties.setPostLogoutRedirectUri("https://www.example.com/"));
		assertThat(flow.afterLogout(null, null, APP)).isEqualTo(URI.create("https://www.example.com/"));
		assertThat(Browser.query(flow.afterLogout(DISCOVERY, user(flow), APP)))
			.containsEntry("post_logout_redirect_uri", "https://www.example.com/");
	}

	@Test
	void loginRedirectWhenFollowedThenReturnToIsAcceptedByTheLogin() {
		BrowserLoginFlow flow = flow();
		URI login = flow.negotiation().loginRedirect("GET", List.of("text/html"), "/orders/7", "tab=items", APP);
		String returnTo = Browser.query(login).get(BrowserLoginFlow.RETURN_TO_PARAMETER);
		BrowserLoginFlow.Start start = flow.start(DISCOVERY, false, returnTo, APP, null);
		assertThat(flow.afterLogin(start.pendingLogins().find(state(start)), APP))
			.isEqualTo(URI.create("/orders/7?tab=items"));
	}

	private PendingLogin login(BrowserLoginFlow flow) {
		BrowserLoginFlow.Start start = flow.start(DISCOVERY, false, null, APP, null);
		return start.pendingLogins().find(state(start));
	}

	private AuthenticatedUser user(BrowserLoginFlow flow) {
		PendingLogin login = login(flow);
		return flow.authentication().authenticate(tokens(idToken(KEY, login.nonce())), login, keys(KEY), false);
	}

	private TokenResponse tokens(String idToken) {
		return TokenResponse.parse("{\"access_token\":\"the-access-token\",\"token_type\":\"Bearer\","
				+ "\"expires_in\":300,\"id_token\":\"" + idToken + "\"}", this.clock.instant());
	}

	private String idToken(RSAKey key, String nonce) {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("alice")
			.audience(CLIENT_ID)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.claim("nonce", nonce)
			.claim("email", "alice@example.com")
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static KeySet keys(RSAKey... keys) {
		List<JWK> published = new ArrayList<>();
		for (RSAKey key : keys) {
			published.add(key.toPublicJWK());
		}
		return KeySet.parse(new JWKSet(published).toString());
	}

	private static String state(BrowserLoginFlow.Start start) {
		return Browser.query(start.authorizationUri()).get("state");
	}

	private static Map<String, List<String>> parameters(String... namesAndValues) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			parameters.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
		}
		return parameters;
	}

	private static DiscoveryDocument discovery(boolean endSession) {
		return DiscoveryDocument.parse("{\"issuer\":\"" + ISSUER + "\",\"authorization_endpoint\":\"" + ISSUER
				+ "/authorize\",\"token_endpoint\":\"" + ISSUER + "/token\",\"jwks_uri\":\"" + ISSUER + "/jwks\""
				+ (endSession ? ",\"end_session_endpoint\":\"" + ISSUER + "/logout\"" : "") + "}");
	}

	private static RSAKey rsa(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The engine's keys as a client hands them to the login: the first set until a
	 * validation refreshes them, the second after.
	 */
	private static final class ScriptedKeys implements IdTokenAuthentication.ProviderKeys {

		private final KeySet before;

		private final KeySet after;

		private final @Nullable RuntimeException verdict;

		private final List<String> validated = new ArrayList<>();

		ScriptedKeys(KeySet before, KeySet after, @Nullable RuntimeException verdict) {
			this.before = before;
			this.after = after;
			this.verdict = verdict;
		}

		@Override
		public CompletableFuture<KeySet> keys() {
			return CompletableFuture.completedFuture(this.validated.isEmpty() ? this.before : this.after);
		}

		@Override
		public CompletableFuture<?> validate(@Nullable String token) {
			this.validated.add(token);
			return (this.verdict != null) ? CompletableFuture.failedFuture(this.verdict)
					: CompletableFuture.completedFuture(null);
		}

	}

	/** A clock a test moves forward. */
	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
