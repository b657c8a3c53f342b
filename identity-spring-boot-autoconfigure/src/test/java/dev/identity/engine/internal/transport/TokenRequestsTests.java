package dev.identity.engine.internal.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.identity.core.ClientAuthenticationMethod;
import dev.identity.core.ClientRegistration;
import dev.identity.core.TokenRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenRequestsTests {

	private static final URI TOKEN_ENDPOINT = URI.create("https://login.example/token");

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	@Test
	void tokenWhenClientSecretBasicThenFormEncodedCredentialsInHeader() {
		ClientRegistration client = ClientRegistration.withSecret("app:1", "s3cr:t/+",
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		FormPost post = TokenRequests.token(TokenRequest.ClientCredentials.ofScopes("read"), client, TOKEN_ENDPOINT,
				NOW);
		String decoded = new String(Base64.getDecoder().decode(post.headers().get("Authorization").substring(6)),
				StandardCharsets.UTF_8);
		// RFC 6749 2.3.1: each part form-encoded first, so the ':' inside the id
		// survives.
		assertThat(decoded).isEqualTo("app%3A1:s3cr%3At%2F%2B");
		assertThat(post.parameter("client_secret")).isNull();
		assertThat(post.toString()).doesNotContain("s3cr");
	}

	@Test
	void tokenWhenClientSecretPostThenCredentialsInBody() {
		ClientRegistration client = ClientRegistration.withSecret("app", "secret",
				ClientAuthenticationMethod.CLIENT_SECRET_POST);
		FormPost post = TokenRequests.token(TokenRequest.ClientCredentials.ofScopes(), client, TOKEN_ENDPOINT, NOW);
		assertThat(post.headers()).doesNotContainKey("Authorization");
		assertThat(post.parameter("client_id")).isEqualTo("app");
		assertThat(post.parameter("client_secret")).isEqualTo("secret");
		assertThat(post.parameter("scope")).isNull();
	}

	@Test
	void tokenWhenPublicClientThenOnlyClientId() {
		FormPost post = TokenRequests.token(
				new TokenRequest.AuthorizationCode("code-1", URI.create("https://app.example/cb"), "v".repeat(43)),
				ClientRegistration.publicClient("spa"), TOKEN_ENDPOINT, NOW);
		assertThat(post.parameter("client_id")).isEqualTo("spa");
		assertThat(post.parameter("code_verifier")).isEqualTo("v".repeat(43));
		assertThat(post.parameter("redirect_uri")).isEqualTo("https://app.example/cb");
		assertThat(post.headers()).isEmpty();
		assertThat(post.toString()).doesNotContain("code-1");
	}

	@Test
	void tokenWhenPrivateKeyJwtWithRsaThenSignedAssertionForTheEndpoint() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("client-key").generate();
		FormPost post = TokenRequests.token(TokenRequest.ClientCredentials.ofScopes("read"),
				ClientRegistration.withPrivateKey("app", key), TOKEN_ENDPOINT, NOW);
		assertThat(post.parameter("client_assertion_type"))
			.isEqualTo("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		SignedJWT assertion = SignedJWT.parse(post.parameter("client_assertion"));
		assertThat(assertion.verify(new RSASSAVerifier(key.toPublicJWK()))).isTrue();
		assertThat(assertion.getHeader().getKeyID()).isEqualTo("client-key");
		assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("app");
		assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo("app");
		assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(TOKEN_ENDPOINT.toString());
		assertThat(assertion.getJWTClaimsSet().getJWTID()).isNotBlank();
		assertThat(assertion.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(60));
		FormPost again = TokenRequests.token(TokenRequest.ClientCredentials.ofScopes("read"),
				ClientRegistration.withPrivateKey("app", key), TOKEN_ENDPOINT, NOW);
		assertThat(SignedJWT.parse(again.parameter("client_assertion")).getJWTClaimsSet().getJWTID())
			.isNotEqualTo(assertion.getJWTClaimsSet().getJWTID());
	}

	@Test
	void tokenWhenPrivateKeyJwtWithEcThenEs256Assertion() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
		FormPost post = TokenRequests.token(TokenRequest.ClientCredentials.ofScopes(),
				ClientRegistration.withPrivateKey("app", key), TOKEN_ENDPOINT, NOW);
		SignedJWT assertion = SignedJWT.parse(post.parameter("client_assertion"));
		assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
		assertThat(assertion.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "P-256, ES256", "P-384, ES384", "P-521, ES512" })
	void tokenWhenPrivateKeyJwtWithEcThenAlgorithmOfTheCurve(String curve, String algorithm) throws Exception {
		ECKey key = new ECKeyGenerator(Curve.parse(curve)).keyID("ec").generate();
		FormPost post = TokenRequests.token(TokenRequest.ClientCredentials.ofScopes(),
				ClientRegistration.withPrivateKey("app", key), TOKEN_ENDPOINT, NOW);
		SignedJWT assertion = SignedJWT.parse(post.parameter("client_assertion"));
		assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo(algorithm);
		assertThat(assertion.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
	}

	@Test
	void withPrivateKeyWhenPublicKeyOnlyThenRejected() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).generate();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientRegistration.withPrivateKey("app", key.toPublicJWK()))
			.withMessageContaining("private key");
	}

	@Test
	void tokenWhenTokenExchangeThenRfc8693Parameters() {
		ClientRegistration client = ClientRegistration.withSecret("app", "s",
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		FormPost post = TokenRequests
			.token(new TokenRequest.TokenExchange("subject-token", TokenRequest.TokenExchange.ACCESS_TOKEN_TYPE,
					"actor-token", TokenRequest.TokenExchange.JWT_TYPE, TokenRequest.TokenExchange.ACCESS_TOKEN_TYPE,
					List.of("orders"), List.of("https://orders"), Set.of("read")), client, TOKEN_ENDPOINT, NOW);
		assertThat(post.parameter("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:token-exchange");
		assertThat(post.parameter("subject_token_type")).isEqualTo(TokenRequest.TokenExchange.ACCESS_TOKEN_TYPE);
		assertThat(post.parameter("actor_token_type")).isEqualTo(TokenRequest.TokenExchange.JWT_TYPE);
		assertThat(post.parameter("audience")).isEqualTo("orders");
		assertThat(post.parameter("resource")).isEqualTo("https://orders");
		assertThat(post.toString()).doesNotContain("subject-token").doesNotContain("actor-token");
	}

	@Test
	void tokenExchangeWhenActorTokenWithoutTypeThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TokenRequest.TokenExchange("s", TokenRequest.TokenExchange.ACCESS_TOKEN_TYPE, "a",
					null, null, List.of(), List.of(), Set.of()))
			.withMessageContaining("actor token");
	}

	@Test
	void passwordAndRefreshWhenPrintedThenNoSecrets() {
		assertThat(new TokenRequest.Password("alice", "hunter2", Set.of()).toString()).doesNotContain("hunter2");
		assertThat(TokenRequest.RefreshToken.of("rt-secret").toString()).doesNotContain("rt-secret");
	}

	@Test
	void clientCredentialsWhenExtraParameterOverridesReservedOneThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TokenRequest.ClientCredentials.ofScopes().withParameter("grant_type", "password"))
			.withMessageContaining("grant_type");
	}

	@Test
	void clientCredentialsWhenEqualContentThenEqualCacheKeys() {
		TokenRequest.ClientCredentials a = new TokenRequest.ClientCredentials(Set.of("a", "b"), List.of(), List.of(),
				Map.of("tenant", "t"));
		TokenRequest.ClientCredentials b = TokenRequest.ClientCredentials.ofScopes("b", "a")
			.withParameter("tenant", "t");
		assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
		assertThat(a).isNotEqualTo(b.withAudience("orders"));
	}

	@Test
	void introspectionAndRevocationWhenBuiltThenTokenAndHint() {
		ClientRegistration client = ClientRegistration.withSecret("app", "s",
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		FormPost introspection = TokenRequests.introspection("tok", "access_token", client,
				URI.create("https://login.example/introspect"), NOW);
		assertThat(introspection.parameter("token")).isEqualTo("tok");
		assertThat(introspection.parameter("token_type_hint")).isEqualTo("access_token");
		assertThat(introspection.headers()).containsKey("Authorization");
		FormPost revocation = TokenRequests.revocation("tok", null, client, URI.create("https://login.example/revoke"),
				NOW);
		assertThat(revocation.parameter("token_type_hint")).isNull();
		assertThat(revocation.endpoint()).isEqualTo("revocation");
	}

}
