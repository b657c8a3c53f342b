package dev.identity.security;

import java.util.Collection;

import dev.identity.claims.IdentityAuthoritiesMapper;
import dev.identity.client.SmartOAuthClient;
import dev.identity.core.IdentityException;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Flux;

/**
 * Authorities of a {@link Jwt} from the configured claims mapping (scopes, roles,
 * permissions, groups). The claims helpers read validated tokens only, so the token is
 * taken through the engine again: its key is cached by then, so this costs a signature
 * check and no I/O. Its failures reach Spring Security as
 * {@link AuthenticationException}s.
 */
public final class ValidatedJwtAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

	private final SmartOAuthClient client;

	private final IdentityAuthoritiesMapper mapper;

	public ValidatedJwtAuthoritiesConverter(SmartOAuthClient client, IdentityAuthoritiesMapper mapper) {
		this.client = client;
		this.mapper = mapper;
	}

	/**
	 * The authorities of a token.
	 * @param jwt the token Spring Security's decoder accepted
	 * @return its authorities
	 * @throws AuthenticationException when the engine rejects the token (401) or cannot
	 * reach the provider (503): Spring Security's own types, never an exception that
	 * would become a 500
	 */
	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		try {
			return this.mapper.convert(this.client.validate(jwt.getTokenValue()));
		}
		catch (IdentityException ex) {
			throw ValidatedTokenJwtMapper.toAuthenticationException(ex);
		}
	}

	/**
	 * The reactive form, for {@code ReactiveJwtAuthenticationConverter}.
	 * @return a converter that never blocks
	 */
	public Converter<Jwt, Flux<GrantedAuthority>> reactive() {
		return (jwt) -> this.client.validateAsync(jwt.getTokenValue())
			.onErrorMap(IdentityException.class, ValidatedTokenJwtMapper::toAuthenticationException)
			.flatMapIterable(this.mapper::convert);
	}

}
