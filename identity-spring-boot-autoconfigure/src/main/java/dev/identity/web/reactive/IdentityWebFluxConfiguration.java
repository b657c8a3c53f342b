package dev.identity.web.reactive;

import dev.identity.claims.ClaimsReader;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.web.BearerTokenAccessExceptionHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerAdapter;

/**
 * The beans of {@link IdentityWebFluxAutoConfiguration}. The argument resolver and the requirement
 * check share one {@link ExchangeTokens}, so an exchange's token is validated once.
 */
@Configuration(proxyBeanMethods = false)
class IdentityWebFluxConfiguration {

	private final ExchangeTokens tokens;

	IdentityWebFluxConfiguration(ReactiveOAuthClient client) {
		this.tokens = new ExchangeTokens(client);
	}

	@Bean
	IdentityWebFluxConfigurer identityWebFluxConfigurer(ClaimsReader claimsReader) {
		return new IdentityWebFluxConfigurer(this.tokens, claimsReader);
	}

	@Bean
	TokenRequirementsHandlerAdapter identityTokenRequirementsHandlerAdapter(ClaimsReader claimsReader,
			ObjectProvider<HandlerAdapter> adapters) {
		return new TokenRequirementsHandlerAdapter(this.tokens, claimsReader, adapters);
	}

	@Bean
	@ConditionalOnMissingBean
	BearerTokenAccessExceptionHandler bearerTokenAccessExceptionHandler() {
		return new BearerTokenAccessExceptionHandler();
	}

}
