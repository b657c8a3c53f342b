package dev.identity.engine.internal.transport;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.identity.core.ClientRegistration;
import dev.identity.core.TokenRequest;
import dev.identity.core.internal.CoreAccess;
import org.jspecify.annotations.Nullable;

/**
 * Turns requests to the provider's client endpoints (token, introspection, revocation)
 * into form posts, with client authentication. One place for the parameter rules of RFC
 * 6749, 7009, 7523, 7636, 7662, 8693 and 8707.
 */
public final class TokenRequests {

	private static final CoreAccess.Clients CLIENTS = CoreAccess.clients();

	/** Lifetime of a {@code private_key_jwt} client assertion. */
	static final long ASSERTION_LIFETIME_SECONDS = 60;

	/** The JWS algorithm of each curve (RFC 7518 §3.4, RFC 8812 §3.2). */
	private static final Map<Curve, JWSAlgorithm> EC_ALGORITHMS = Map.of(Curve.P_256, JWSAlgorithm.ES256, Curve.P_384,
			JWSAlgorithm.ES384, Curve.P_521, JWSAlgorithm.ES512, Curve.SECP256K1, JWSAlgorithm.ES256K);

	private TokenRequests() {
	}

	/**
	 * The form post for a token request.
	 * @param request the request
	 * @param client the client and its authentication
	 * @param tokenEndpoint the provider's token endpoint
	 * @param now the current time (for client assertions)
	 * @return the post
	 */
	public static FormPost token(TokenRequest request, ClientRegistration client, URI tokenEndpoint, Instant now) {
		List<Map.Entry<String, String>> form = new ArrayList<>();
		add(form, "grant_type", request.grantType());
		// Java 17: no pattern matching for switch yet; the interface is sealed, so the
		// chain is complete.
		if (request instanceof TokenRequest.ClientCredentials cc) {
			scopes(form, cc.scopes());
			cc.resources().forEach((resource) -> add(form, "resource", resource));
			cc.audiences().forEach((audience) -> add(form, "audience", audience));
			cc.parameters().forEach((name, value) -> add(form, name, value));
		}
		else if (request instanceof TokenRequest.RefreshToken refresh) {
			add(form, "refresh_token", refresh.refreshToken());
			scopes(form, refresh.scopes());
		}
		else if (request instanceof TokenRequest.AuthorizationCode code) {
			add(form, "code", code.code());
			add(form, "redirect_uri", code.redirectUri().toString());
			add(form, "code_verifier", code.codeVerifier());
		}
		else if (request instanceof TokenRequest.TokenExchange exchange) {
			add(form, "subject_token", exchange.subjectToken());
			add(form, "subject_token_type", exchange.subjectTokenType());
			String actorToken = exchange.actorToken();
			String actorTokenType = exchange.actorTokenType();
			// Both or neither: TokenExchange rejects one without the other.
			if (actorToken != null && actorTokenType != null) {
				add(form, "actor_token", actorToken);
				add(form, "actor_token_type", actorTokenType);
			}
			if (exchange.requestedTokenType() != null) {
				add(form, "requested_token_type", exchange.requestedTokenType());
			}
			exchange.audiences().forEach((audience) -> add(form, "audience", audience));
			exchange.resources().forEach((resource) -> add(form, "resource", resource));
			scopes(form, exchange.scopes());
		}
		else if (request instanceof TokenRequest.Password password) {
			add(form, "username", password.username());
			add(form, "password", password.password());
			scopes(form, password.scopes());
		}
		return authenticated("token", tokenEndpoint, form, client, now);
	}

	/**
	 * The form post of a token introspection request (RFC 7662 §2.1).
	 * @param token the token to introspect
	 * @param tokenTypeHint {@code access_token}, {@code refresh_token} or {@code null}
	 * @param client the client
	 * @param endpoint the introspection endpoint
	 * @param now the current time
	 * @return the post
	 */
	public static FormPost introspection(String token, @Nullable String tokenTypeHint, ClientRegistration client,
			URI endpoint, Instant now) {
		return aboutToken("introspection", token, tokenTypeHint, client, endpoint, now);
	}

	/**
	 * The form post of a token revocation request (RFC 7009 §2.1).
	 * @param token the token to revoke
	 * @param tokenTypeHint {@code access_token}, {@code refresh_token} or {@code null}
	 * @param client the client
	 * @param endpoint the revocation endpoint
	 * @param now the current time
	 * @return the post
	 */
	public static FormPost revocation(String token, @Nullable String tokenTypeHint, ClientRegistration client,
			URI endpoint, Instant now) {
		return aboutToken("revocation", token, tokenTypeHint, client, endpoint, now);
	}

	/**
	 * Introspection and revocation take the same form: the token and an optional type
	 * hint.
	 */
	private static FormPost aboutToken(String name, String token, @Nullable String tokenTypeHint,
			ClientRegistration client, URI endpoint, Instant now) {
		List<Map.Entry<String, String>> form = new ArrayList<>();
		add(form, "token", token);
		if (tokenTypeHint != null) {
			add(form, "token_type_hint", tokenTypeHint);
		}
		return authenticated(name, endpoint, form, client, now);
	}

	private static FormPost authenticated(String endpoint, URI uri, List<Map.Entry<String, String>> form,
			ClientRegistration client, Instant now) {
		Map<String, String> headers = new LinkedHashMap<>();
		switch (client.getMethod()) {
			case CLIENT_SECRET_BASIC -> headers.put("Authorization", basic(client));
			case CLIENT_SECRET_POST -> {
				add(form, "client_id", client.getClientId());
				// withSecret, the only way to this method, requires the secret.
				add(form, "client_secret", Objects.requireNonNull(CLIENTS.clientSecret(client), "client secret"));
			}
			case PRIVATE_KEY_JWT -> {
				add(form, "client_id", client.getClientId());
				add(form, "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
				add(form, "client_assertion", assertion(client, uri, now));
			}
			case NONE -> add(form, "client_id", client.getClientId());
		}
		return new FormPost(endpoint, uri, headers, form);
	}

	/**
	 * RFC 6749 §2.3.1: id and secret are form-encoded before Base64, so ':' in them
	 * survives.
	 */
	private static String basic(ClientRegistration client) {
		String credentials = URLEncoder.encode(client.getClientId(), StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(CLIENTS.clientSecret(client), StandardCharsets.UTF_8);
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * RFC 7523 §3: iss and sub are the client, aud the endpoint, short-lived with a
	 * unique jti.
	 */
	private static String assertion(ClientRegistration client, URI audience, Instant now) {
		// withPrivateKey, the only way to private_key_jwt, requires the key.
		JWK key = Objects.requireNonNull(CLIENTS.privateKey(client), "private key");
		try {
			JWSSigner signer;
			JWSAlgorithm algorithm;
			if (key instanceof RSAKey rsa) {
				signer = new RSASSASigner(rsa);
				algorithm = (key.getAlgorithm() != null) ? JWSAlgorithm.parse(key.getAlgorithm().getName())
						: JWSAlgorithm.RS256;
			}
			else if (key instanceof ECKey ec) {
				signer = new ECDSASigner(ec);
				algorithm = ecAlgorithm(ec.getCurve());
			}
			else {
				throw new IllegalStateException("private_key_jwt supports RSA and EC keys, not " + key.getKeyType());
			}
			JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(client.getClientId())
				.subject(client.getClientId())
				.audience(audience.toString())
				.jwtID(CLIENTS.newAssertionId(client))
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plusSeconds(ASSERTION_LIFETIME_SECONDS)))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("could not sign the client assertion: " + ex.getMessage(), ex);
		}
	}

	private static JWSAlgorithm ecAlgorithm(@Nullable Curve curve) {
		JWSAlgorithm algorithm = (curve != null) ? EC_ALGORITHMS.get(curve) : null;
		if (algorithm == null) {
			throw new IllegalStateException("could not sign the client assertion: private_key_jwt supports EC keys on "
					+ "P-256, P-384, P-521 and secp256k1, not " + curve);
		}
		return algorithm;
	}

	private static void scopes(List<Map.Entry<String, String>> form, Set<String> scopes) {
		if (!scopes.isEmpty()) {
			add(form, "scope", String.join(" ", new java.util.TreeSet<>(scopes)));
		}
	}

	private static void add(List<Map.Entry<String, String>> form, String name, String value) {
		form.add(Map.entry(name, value));
	}

}
