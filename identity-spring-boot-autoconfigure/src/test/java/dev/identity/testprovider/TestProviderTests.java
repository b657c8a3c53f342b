package dev.identity.testprovider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TestProviderTests {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	@Test
	void issuerIsTheLoopbackAddressInDiscoveryAndTokens() throws Exception {
		assertThat(provider.issuer()).matches("http://127\\.0\\.0\\.1:\\d+");
		JsonNode discovery = json.readTree(get("/.well-known/openid-configuration").body());
		assertThat(discovery.path("issuer").asString()).isEqualTo(provider.issuer());
		assertThat(discovery.path("jwks_uri").asString()).isEqualTo(provider.issuer() + "/oauth2/jwks");
		assertThat(discovery.path("token_endpoint").asString()).isEqualTo(provider.issuer() + "/oauth2/token");

		SignedJWT token = SignedJWT.parse(provider.clientCredentialsToken());
		assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(provider.issuer());
		assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo(TestProvider.CLIENT_ID);
		assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(TestProvider.CLIENT_ID);
		assertThat(token.getJWTClaimsSet().getStringListClaim("scope")).containsExactly("read");
	}

	@Test
	void tokenRequestsTheGivenScopes() throws Exception {
		SignedJWT token = SignedJWT.parse(provider.clientCredentialsToken("read write"));
		assertThat(token.getJWTClaimsSet().getStringListClaim("scope")).containsExactlyInAnyOrder("read", "write");
	}

	@Test
	void tokenOfAnUnregisteredScopeIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> provider.clientCredentialsToken("admin"))
			.withMessageContaining("invalid_scope");
	}

	@Test
	void clientSecretPostIsAccepted() throws Exception {
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=read&client_id="
						+ TestProvider.CLIENT_ID + "&client_secret=" + TestProvider.CLIENT_SECRET))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json.readTree(response.body()).path("access_token").isString()).isTrue();
	}

	@Test
	void tokenIsSignedByThePublishedCurrentKey() throws Exception {
		SignedJWT token = SignedJWT.parse(provider.clientCredentialsToken());
		assertThat(token.getHeader().getKeyID()).isEqualTo(provider.currentKeyId());
		assertThat(token.verify(new RSASSAVerifier(publishedKey(token.getHeader().getKeyID())))).isTrue();
	}

	@Test
	void rotatedKeySignsNewTokensAndTheOldKeyStaysPublishedUntilRemoved() throws Exception {
		String before = provider.currentKeyId();
		String rotated = provider.rotateKey();
		assertThat(rotated).isNotEqualTo(before).isEqualTo(provider.currentKeyId());
		assertThat(publishedKeyIds()).contains(before, rotated);

		SignedJWT token = SignedJWT.parse(provider.clientCredentialsToken());
		assertThat(token.getHeader().getKeyID()).isEqualTo(rotated);
		assertThat(token.verify(new RSASSAVerifier(publishedKey(rotated)))).isTrue();

		provider.removeKey(before);
		assertThat(publishedKeyIds()).contains(rotated).doesNotContain(before);
	}

	@Test
	void removingTheSigningKeyOrAnUnknownKeyIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> provider.removeKey(provider.currentKeyId()));
		assertThatIllegalArgumentException().isThrownBy(() -> provider.removeKey("no-such-kid"));
	}

	@Test
	void countsTheRequestsServedPerEndpoint() throws Exception {
		get("/.well-known/openid-configuration");
		get("/oauth2/jwks");
		get("/oauth2/jwks");
		provider.clientCredentialsToken();
		provider.clientCredentialsToken();
		provider.clientCredentialsToken();
		get("/.well-known/oauth-authorization-server");
		assertThat(List.of(provider.discoveryRequests(), provider.jwksRequests(), provider.tokenRequests()))
			.containsExactly(1, 2, 3);

		provider.resetCounts();
		assertThat(List.of(provider.discoveryRequests(), provider.jwksRequests(), provider.tokenRequests()))
			.containsExactly(0, 0, 0);
	}

	@Test
	void otherPagesNeedALoginAndTheErrorPageIsOpen() throws Exception {
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/somewhere"))
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		assertThat(get("/login").body()).contains("name=\"_csrf\"");
		assertThat(get("/error").statusCode()).isNotIn(302, 401);
	}

	private static RSAKey publishedKey(String kid) throws Exception {
		return JWKSet.parse(get("/oauth2/jwks").body()).getKeyByKeyId(kid).toRSAKey();
	}

	private static List<String> publishedKeyIds() throws Exception {
		return JWKSet.parse(get("/oauth2/jwks").body()).getKeys().stream().map((key) -> key.getKeyID()).toList();
	}

	private static HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(provider.issuer() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
