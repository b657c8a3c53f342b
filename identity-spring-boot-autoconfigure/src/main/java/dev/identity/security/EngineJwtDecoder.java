package dev.identity.security;

import dev.identity.client.OAuthClient;
import dev.identity.core.IdentityException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that validates through the identity engine (its discovery and key
 * caches, its algorithm allow-list, issuer, audience, type and time rules) instead of a
 * decoder of its own. Invalid tokens raise
 * {@link org.springframework.security.oauth2.jwt.BadJwtException} (401), whose message,
 * sent to the client, names the kinds of check that failed and nothing configured; an
 * unreachable provider a plain {@link JwtException}, answered 503 by
 * {@link ProviderFailureFilter}.
 */
public final class EngineJwtDecoder implements JwtDecoder {

	private final OAuthClient client;

	public EngineJwtDecoder(OAuthClient client) {
		this.client = client;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		try {
			return ValidatedTokenJwtMapper.toJwt(this.client.validate(token));
		}
		catch (IdentityException ex) {
			throw ValidatedTokenJwtMapper.toJwtException(ex);
		}
	}

}
