package dev.identity.security;

import dev.identity.client.ReactiveOAuthClient;
import dev.identity.core.IdentityException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * A {@link ReactiveJwtDecoder} that validates through the identity engine without
 * blocking; the reactive twin of {@link EngineJwtDecoder}, sharing its conversions.
 */
public final class EngineReactiveJwtDecoder implements ReactiveJwtDecoder {

	private final ReactiveOAuthClient client;

	public EngineReactiveJwtDecoder(ReactiveOAuthClient client) {
		this.client = client;
	}

	@Override
	public Mono<Jwt> decode(String token) {
		return this.client.validate(token)
			.map(ValidatedTokenJwtMapper::toJwt)
			.onErrorMap(IdentityException.class, ValidatedTokenJwtMapper::toJwtException);
	}

}
