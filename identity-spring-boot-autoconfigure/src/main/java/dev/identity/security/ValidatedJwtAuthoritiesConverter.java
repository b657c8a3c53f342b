package dev.identity.security;

import java.util.Collection;

import dev.identity.claims.IdentityAuthoritiesMapper;
import dev.identity.client.SmartOAuthClient;
import reactor.core.publisher.Flux;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Authorities of a {@link Jwt} from the configured claims mapping (scopes, roles, permissions,
 * groups). The claims helpers read validated tokens only, so the token is taken through the engine
 * again: its key is cached by then, so this costs a signature check and no I/O.
 */
public final class ValidatedJwtAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

	private final SmartOAuthClient client;

	private final IdentityAuthoritiesMapper mapper;

	public ValidatedJwtAuthoritiesConverter(SmartOAuthClient client, IdentityAuthoritiesMapper mapper) {
		this.client = client;
		this.mapper = mapper;
	}

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		return this.mapper.convert(this.client.validate(jwt.getTokenValue()));
	}

	/**
	 * The reactive form, for {@code ReactiveJwtAuthenticationConverter}.
	 * @return a converter that never blocks
	 */
	public Converter<Jwt, Flux<GrantedAuthority>> reactive() {
		return (jwt) -> this.client.validateAsync(jwt.getTokenValue()).flatMapIterable(this.mapper::convert);
	}

}
