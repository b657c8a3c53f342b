package dev.identity.web.reactive;

import dev.identity.claims.ClaimsReader;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Adds the token parameters to Spring WebFlux. WebFlux consults custom resolvers after
 * its own annotation- and type-based ones, none of which binds these parameters (a
 * parameter that also carries one of their annotations stops start-up, see
 * {@link dev.identity.web.internal.HandlerEnforcement}); ordered first, this configurer
 * puts the resolver before every other custom one.
 */
final class IdentityWebFluxConfigurer implements WebFluxConfigurer, Ordered {

	private final ExchangeTokens tokens;

	private final ClaimsReader claimsReader;

	IdentityWebFluxConfigurer(ExchangeTokens tokens, ClaimsReader claimsReader) {
		this.tokens = tokens;
		this.claimsReader = claimsReader;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
		configurer.addCustomResolver(new TokenArgumentResolver(this.tokens, this.claimsReader));
	}

}
