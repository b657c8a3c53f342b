package dev.identity.security;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.identity.core.BearerTokens;
import dev.identity.core.IdentityException;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.ValidatedToken;
import dev.identity.core.internal.FailureReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Converts the engine's results into Spring Security's types: a {@link ValidatedToken}
 * into a {@link Jwt}, and the engine's exceptions into {@link JwtException}s (from a
 * decoder) or {@link AuthenticationException}s (from an authorities converter), so an
 * invalid token is a 401 and an unreachable provider is not mistaken for one. What
 * reaches the client names the kinds of check that failed
 * ({@link BearerTokens#describe(InvalidTokenException)}); the details go to the DEBUG
 * log.
 */
final class ValidatedTokenJwtMapper {

	private static final Log logger = LogFactory.getLog(ValidatedTokenJwtMapper.class);

	private static final String UNAVAILABLE = "Cannot validate the token now: ";

	private ValidatedTokenJwtMapper() {
	}

	static Jwt toJwt(ValidatedToken token) {
		Map<String, Object> headers = new LinkedHashMap<>();
		if (token.getAlgorithm() != null) {
			headers.put("alg", token.getAlgorithm().name());
		}
		else {
			// An opaque token validated by introspection has no JOSE header; Jwt needs at
			// least one.
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

	private static void convertInstant(Map<String, Object> claims, String name, @Nullable Instant value) {
		if (value != null && claims.containsKey(name)) {
			claims.put(name, value);
		}
	}

	/**
	 * A decoder's failure: {@link BadJwtException} (401) for an invalid token, whose
	 * message Spring Security sends to the client as the {@code error_description}; a
	 * plain {@link JwtException} (an {@code AuthenticationServiceException} once Spring
	 * Security wraps it) for a provider failure.
	 */
	static JwtException toJwtException(Throwable failure) {
		if (failure instanceof InvalidTokenException invalid) {
			return new BadJwtException(describe(invalid), invalid);
		}
		if (failure instanceof IdentityProviderException provider) {
			return new JwtException(UNAVAILABLE + provider.getMessage(), provider);
		}
		if (failure instanceof IdentityException identity) {
			return new JwtException(FailureReason.of(identity), identity);
		}
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		return new JwtException(FailureReason.of(failure), failure);
	}

	/**
	 * An authorities converter's failure. Spring Security's servlet provider lets a
	 * converter's exceptions through unchanged, so they must be its own types already: an
	 * {@link OAuth2AuthenticationException} ({@code invalid_token}, 401) for an invalid
	 * token, an {@link AuthenticationServiceException} for any other failure (a provider
	 * failure becomes 503, see {@link ProviderFailureFilter}).
	 */
	static AuthenticationException toAuthenticationException(Throwable failure) {
		if (failure instanceof InvalidTokenException invalid) {
			String description = describe(invalid);
			return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null),
					description, invalid);
		}
		if (failure instanceof IdentityProviderException provider) {
			return new AuthenticationServiceException(UNAVAILABLE + provider.getMessage(), provider);
		}
		if (failure instanceof IdentityException identity) {
			return new AuthenticationServiceException(identity.getMessage(), identity);
		}
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		return new AuthenticationServiceException(String.valueOf(failure.getMessage()), failure);
	}

	private static String describe(InvalidTokenException invalid) {
		if (logger.isDebugEnabled()) {
			logger.debug(invalid.getMessage());
		}
		return BearerTokens.describe(invalid);
	}

}
