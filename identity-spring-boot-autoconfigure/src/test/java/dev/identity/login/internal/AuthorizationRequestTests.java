package dev.identity.login.internal;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.identity.core.DiscoveryDocument;
import org.junit.jupiter.api.Test;

import static dev.identity.login.LoginTestTokens.CLIENT_ID;
import static dev.identity.login.LoginTestTokens.ISSUER;
import static dev.identity.login.LoginTestTokens.NOW;
import static dev.identity.login.LoginTestTokens.REDIRECT_URI;
import static dev.identity.login.LoginTestTokens.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AuthorizationRequestTests {

	private static final URI ENDPOINT = URI.create("https://idp.example.com/authorize");

	private static final DiscoveryDocument DISCOVERY = DiscoveryDocument.parse("""
			{"issuer": "https://idp.example.com",
			 "authorization_endpoint": "https://idp.example.com/authorize",
			 "token_endpoint": "https://idp.example.com/token"}""");

	private final SecureRandom random = new SecureRandom();

	private AuthorizationRequest.Builder request() {
		return AuthorizationRequest.withDiscovery(DISCOVERY).clientId(CLIENT_ID).redirectUri(REDIRECT_URI);
	}

	@Test
	void buildThenCodeFlowWithPkceS256Requested() {
		AuthorizationRequest request = request().build(this.random, NOW);
		PendingLogin pending = request.getPendingLogin();
		Map<String, String> query = query(request.getUri());
		assertThat(request.getUri().toString()).startsWith("https://idp.example.com/authorize?");
		assertThat(query).containsEntry("response_type", "code")
			.containsEntry("client_id", CLIENT_ID)
			.containsEntry("redirect_uri", REDIRECT_URI.toString())
			.containsEntry("state", pending.state())
			.containsEntry("nonce", pending.nonce())
			.containsEntry("code_challenge", Pkce.challenge(pending.codeVerifier()))
			.containsEntry("code_challenge_method", "S256")
			.doesNotContainKey("max_age");
	}

	@Test
	void buildThenVerifierNeverInUrl() {
		AuthorizationRequest request = request().build(this.random, NOW);
		assertThat(request.getUri().toString()).doesNotContain(request.getPendingLogin().codeVerifier());
	}

	@Test
	void buildThenPendingLoginRecordsIssuerRedirectUriAndTime() {
		PendingLogin pending = request().returnTo("/orders").build(this.random, NOW).getPendingLogin();
		assertThat(pending.issuer()).isEqualTo(ISSUER);
		assertThat(pending.redirectUri()).isEqualTo(REDIRECT_URI);
		assertThat(pending.createdAt()).isEqualTo(NOW);
		assertThat(pending.returnTo()).isEqualTo("/orders");
		assertThat(pending.issuerParameterRequired()).isFalse();
		assertThat(pending.maxAuthenticationAge()).isNull();
	}

	@Test
	void buildThenStateNonceAndVerifierAre256BitBase64UrlValues() {
		PendingLogin pending = request().build(this.random, NOW).getPendingLogin();
		for (String value : List.of(pending.state(), pending.nonce(), pending.codeVerifier())) {
			assertThat(value).matches("[A-Za-z0-9_-]{43}");
			assertThat(Base64.getUrlDecoder().decode(value)).hasSize(32);
		}
		assertThat(pending.state()).isNotEqualTo(pending.nonce()).isNotEqualTo(pending.codeVerifier());
	}

	@Test
	void buildWhenCalledTwiceThenFreshValues() {
		PendingLogin first = request().build(this.random, NOW).getPendingLogin();
		PendingLogin second = request().build(this.random, NOW).getPendingLogin();
		assertThat(second.state()).isNotEqualTo(first.state());
		assertThat(second.nonce()).isNotEqualTo(first.nonce());
		assertThat(second.codeVerifier()).isNotEqualTo(first.codeVerifier());
	}

	@Test
	void buildWhenNoScopesThenOpenidRequested() {
		AuthorizationRequest request = request().build(this.random, NOW);
		assertThat(query(request.getUri())).containsEntry("scope", "openid");
		assertThat(request.getScopes()).containsExactly("openid");
	}

	@Test
	void buildWhenScopesGivenThenOpenidFirstAndOnce() {
		AuthorizationRequest request = request().scopes(List.of("profile", "openid", "email")).build(this.random, NOW);
		assertThat(query(request.getUri())).containsEntry("scope", "openid profile email");
		assertThat(request.getUri().getRawQuery()).contains("scope=openid%20profile%20email");
	}

	@Test
	void scopesWhenNotScopeTokenThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> request().scopes(List.of("profile email")))
			.withMessageContaining("RFC 6749 §3.3");
		assertThatIllegalArgumentException().isThrownBy(() -> request().scopes(List.of("")));
		assertThatIllegalArgumentException().isThrownBy(() -> request().scopes(List.of("caf\u00e9")));
	}

	@Test
	void buildWhenOddCharactersThenPercentEncodedAsUtf8() {
		AuthorizationRequest request = request().parameter("login_hint", "a b+c&d=\u00e9/?#%~")
			.redirectUri(URI.create("https://app.example.com/cb?tenant=a&x=1"))
			.build(this.random, NOW);
		String raw = request.getUri().getRawQuery();
		assertThat(raw).contains("login_hint=a%20b%2Bc%26d%3D%C3%A9%2F%3F%23%25~");
		assertThat(raw).contains("redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Ftenant%3Da%26x%3D1");
		assertThat(raw).doesNotContain("+").doesNotContain("#");
		assertThat(query(request.getUri())).containsEntry("login_hint", "a b+c&d=\u00e9/?#%~");
	}

	@Test
	void buildWhenPromptCreateThenRegistrationRequested() {
		AuthorizationRequest request = request().parameter("prompt", "create")
			.parameter("ui_locales", "fr-CA fr")
			.parameter("audience", "https://api.example.com")
			.build(this.random, NOW);
		assertThat(query(request.getUri())).containsEntry("prompt", "create")
			.containsEntry("ui_locales", "fr-CA fr")
			.containsEntry("audience", "https://api.example.com");
	}

	@Test
	void parameterWhenSetByRequestItselfThenRejected() {
		for (String name : List.of("state", "nonce", "code_challenge", "code_challenge_method", "client_id",
				"redirect_uri", "response_type", "scope")) {
			assertThatIllegalArgumentException().isThrownBy(() -> request().parameter(name, "x"))
				.withMessageContaining(name);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> request().parameter("max_age", "0"))
			.withMessageContaining("maxAge");
	}

	@Test
	void maxAgeThenSentInSecondsAndRecorded() {
		AuthorizationRequest request = request().maxAge(Duration.ofMillis(300_900)).build(this.random, NOW);
		assertThat(query(request.getUri())).containsEntry("max_age", "300");
		assertThat(request.getPendingLogin().maxAuthenticationAge()).isEqualTo(Duration.ofSeconds(300));
	}

	@Test
	void buildWhenEndpointHasQueryThenQueryKept() {
		AuthorizationRequest request = AuthorizationRequest
			.withEndpoint(ISSUER, URI.create("https://idp.example.com/authorize?p=b2c_1_signin"))
			.clientId(CLIENT_ID)
			.redirectUri(REDIRECT_URI)
			.build(this.random, NOW);
		assertThat(request.getUri().toString())
			.startsWith("https://idp.example.com/authorize?p=b2c_1_signin&response_type=code&");
	}

	@Test
	void buildWhenEndpointEndsWithQuestionMarkThenNoEmptyParameter() {
		AuthorizationRequest request = AuthorizationRequest
			.withEndpoint(ISSUER, URI.create("https://idp.example.com/authorize?"))
			.clientId(CLIENT_ID)
			.redirectUri(REDIRECT_URI)
			.build(this.random, NOW);
		assertThat(request.getUri().toString()).startsWith("https://idp.example.com/authorize?response_type=code&");
	}

	@Test
	void buildWhenEndpointQueryHoldsParameterOfRequestThenRejected() {
		AuthorizationRequest.Builder builder = AuthorizationRequest
			.withEndpoint(ISSUER, URI.create("https://idp.example.com/authorize?client_id=other"))
			.clientId(CLIENT_ID)
			.redirectUri(REDIRECT_URI);
		assertThatIllegalArgumentException().isThrownBy(() -> builder.build(this.random, NOW))
			.withMessageContaining("client_id")
			.withMessageContaining("twice");
	}

	@Test
	void withEndpointWhenFragmentThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthorizationRequest.withEndpoint(ISSUER, URI.create("https://idp.example.com/a#f")))
			.withMessageContaining("fragment");
	}

	@Test
	void withDiscoveryWhenIssParameterAnnouncedThenCallbackMustCarryIss() {
		DiscoveryDocument discovery = DiscoveryDocument.parse("""
				{"issuer": "https://idp.example.com",
				 "authorization_endpoint": "https://idp.example.com/authorize",
				 "authorization_response_iss_parameter_supported": true}""");
		PendingLogin pending = AuthorizationRequest.withDiscovery(discovery)
			.clientId(CLIENT_ID)
			.redirectUri(REDIRECT_URI)
			.build(this.random, NOW)
			.getPendingLogin();
		assertThat(pending.issuerParameterRequired()).isTrue();
	}

	@Test
	void withDiscoveryWhenNoAuthorizationEndpointThenRejected() {
		DiscoveryDocument discovery = DiscoveryDocument.parse("{\"issuer\": \"https://idp.example.com\"}");
		assertThatIllegalArgumentException().isThrownBy(() -> AuthorizationRequest.withDiscovery(discovery))
			.withMessageContaining("authorization_endpoint");
	}

	@Test
	void buildWhenClientIdOrRedirectUriMissingThenRejected() {
		assertThatIllegalStateException().isThrownBy(
				() -> AuthorizationRequest.withDiscovery(DISCOVERY).redirectUri(REDIRECT_URI).build(this.random, NOW))
			.withMessageContaining("client id");
		assertThatIllegalStateException()
			.isThrownBy(() -> AuthorizationRequest.withDiscovery(DISCOVERY).clientId(CLIENT_ID).build(this.random, NOW))
			.withMessageContaining("redirect URI");
	}

	@Test
	void returnToWhenAbsoluteUrlThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> request().returnTo("https://evil.example/"));
		assertThatIllegalArgumentException().isThrownBy(() -> request().returnTo("//evil.example/"));
	}

	@Test
	void toStringThenNoStateNonceOrVerifier() {
		AuthorizationRequest request = request().build(this.random, NOW);
		PendingLogin pending = request.getPendingLogin();
		assertThat(request.toString()).doesNotContain(pending.state())
			.doesNotContain(pending.nonce())
			.doesNotContain(pending.codeVerifier())
			.contains(ENDPOINT.toString());
	}

}
