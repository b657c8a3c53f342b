package dev.identity.web.reactive;

import dev.identity.claims.ClaimsReader;

import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Adds the token parameters to Spring WebFlux.
 */
final class IdentityWebFluxConfigurer implements WebFluxConfigurer {

	private final ExchangeTokens tokens;

	private final ClaimsReader claimsReader;

	IdentityWebFluxConfigurer(ExchangeTokens tokens, ClaimsReader claimsReader) {
		this.tokens = tokens;
		this.claimsReader = claimsReader;
	}

	@Override
	public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
		configurer.addCustomResolver(new TokenArgumentResolver(this.tokens, this.claimsReader));
	}

}
