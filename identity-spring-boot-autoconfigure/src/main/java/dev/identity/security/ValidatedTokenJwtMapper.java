package dev.identity.security;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.identity.core.IdentityException;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.ValidatedToken;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Converts the engine's results into Spring Security's types: a {@link ValidatedToken} into a
 * {@link Jwt}, and the engine's exceptions into {@link JwtException}s, so an invalid token is a 401
 * and an unreachable provider is not mistaken for one.
 */
final class ValidatedTokenJwtMapper {

	private ValidatedTokenJwtMapper() {
	}

	static Jwt toJwt(ValidatedToken token) {
		Map<String, Object> headers = new LinkedHashMap<>();
		if (token.getAlgorithm() != null) {
			headers.put("alg", token.getAlgorithm().name());
		}
		else {
			// An opaque token validated by introspection has no JOSE header; Jwt needs at least one.
			headers.put("typ", "introspected");
		}
		if (token.getKeyId() != null) {
			headers.put("kid", token.getKeyId());
		}
		if (token.getType() != null) {
			headers.put("typ", token.getType());
		}
		Map<String, Object> claims = new LinkedHashMap<>(token.getClaims());
		convertInstant(claims, "exp", token.getExpiresAt());
		convertInstant(claims, "iat", token.getIssuedAt());
		convertInstant(claims, "nbf", token.getNotBefore());
		if (claims.containsKey("aud")) {
			claims.put("aud", token.getAudiences());
		}
		return new Jwt(token.getTokenValue(), token.getIssuedAt(), token.getExpiresAt(), headers, claims);
	}

	private static void convertInstant(Map<String, Object> claims, String name, Instant value) {
		if (value != null && claims.containsKey(name)) {
			claims.put(name, value);
		}
	}

	static JwtException toJwtException(Throwable failure) {
		if (failure instanceof InvalidTokenException invalid) {
			return new BadJwtException(invalid.getMessage(), invalid);
		}
		if (failure instanceof IdentityProviderException provider) {
			return new JwtException("Cannot validate the token now: " + provider.getMessage(), provider);
		}
		if (failure instanceof IdentityException identity) {
			return new JwtException(identity.getMessage(), identity);
		}
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		return new JwtException(failure.getMessage(), failure);
	}

}
