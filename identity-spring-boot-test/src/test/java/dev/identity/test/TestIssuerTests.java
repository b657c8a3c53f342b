package dev.identity.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.identity.claims.ClaimNames;
import dev.identity.claims.ClaimsPreset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The local issuer without Spring: what it serves over HTTP and what it signs.
 */
class TestIssuerTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static TestIssuer issuer;

	@BeforeAll
	static void start() {
		issuer = TestIssuer.start();
	}

	@AfterAll
	static void stop() {
		issuer.close();
	}

	@Test
	void discoveryWhenFetchedThenNamesTheIssuerAndItsKeys() throws Exception {
		HttpResponse<String> response = get(issuer.issuerUri() + "/.well-known/openid-configuration");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		Map<?, ?> document = JsonMapper.builder().build().readValue(response.body(), Map.class);
		assertThat(document.get("issuer")).isEqualTo(issuer.issuerUri());
		assertThat(document.get("jwks_uri")).isEqualTo(issuer.jwkSetUri().toString());
		assertThat(issuer.issuerUri()).matches("http://127\\.0\\.0\\.1:\\d+");
	}

	@Test
	void jwksWhenFetchedThenHoldsOnlyThePublicKeyThatVerifiesItsTokens() throws Exception {
		JWKSet keys = JWKSet.parse(get(issuer.jwkSetUri().toString()).body());
		assertThat(keys.getKeys()).hasSize(1);
		RSAKey key = (RSAKey) keys.getKeyByKeyId(issuer.keyId());
		assertThat(key.isPrivate()).isFalse();
		assertThat(key.size()).isEqualTo(2048);
		SignedJWT token = SignedJWT.parse(issuer.token().subject("alice").encode());
		assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
		assertThat(token.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(token.getHeader().getKeyID()).isEqualTo(issuer.keyId());
		assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuerUri());
		assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("alice");
	}

	@Test
	void serveWhenOtherPathOrMethodThenRefused() throws Exception {
		assertThat(get(issuer.issuerUri() + "/token").statusCode()).isEqualTo(404);
		HttpResponse<String> post = http.send(
				HttpRequest.newBuilder(issuer.jwkSetUri()).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(405);
	}

	@Test
	void encodeWhenClaimNamesNestedThenWritesNestedObjects() throws Exception {
		ClaimNames keycloak = ClaimNames.withPreset(ClaimsPreset.KEYCLOAK).clientId("notes").build();
		Map<String, Object> claims = claims(issuer.token().claimNames(keycloak).roles("admin").scopes("a", "b"));
		assertThat(claims.get("realm_access")).isEqualTo(Map.of("roles", List.of("admin")));
		assertThat(claims.get("scope")).isEqualTo("a b");
	}

	@Test
	void encodeWhenClaimNamesReadNoneOfAKindThenNamesTheProperty() {
		ClaimNames auth0 = ClaimNames.withPreset(ClaimsPreset.AUTH0).build();
		assertThatIllegalStateException().isThrownBy(() -> issuer.token().claimNames(auth0).roles("admin").encode())
			.withMessageContaining("identity.claims.roles.claim-names");
	}

	@Test
	void encodeWhenClaimNulledThenLeftOut() throws Exception {
		assertThat(claims(issuer.token().claim("sub", null).claim("exp", null))).doesNotContainKeys("sub", "exp");
	}

	@Test
	void builderWhenNullArgumentThenNamesIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> issuer.token().roles("admin", null))
			.withMessage("roles must not contain null");
		assertThatIllegalArgumentException().isThrownBy(() -> issuer.token().featureFlag("beta", null))
			.withMessage("value must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> IdentityMockMvc.bearer(" "))
			.withMessage("token must not be null or blank");
	}

	@Test
	void toStringWhenTokenThenNoSignatureOrKey() {
		String text = issuer.token().subject("alice").toString() + issuer.toString();
		assertThat(text).contains("alice").doesNotContain("eyJ");
	}

	private static Map<String, Object> claims(TestToken token) throws ParseException, JOSEException {
		return SignedJWT.parse(token.encode()).getJWTClaimsSet().getClaims();
	}

	private static HttpResponse<String> get(String uri) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
