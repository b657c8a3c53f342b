package dev.identity.web.reactive;

import dev.identity.autoconfigure.ConditionalOnIssuer;
import dev.identity.claims.ClaimsReader;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.web.BearerTokenAccessExceptionHandler;
import dev.identity.web.internal.BearerTokenAnswerConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.HandlerAdapter;

/**
 * The beans of {@link IdentityWebFluxAutoConfiguration} that need the engine. The
 * argument resolver, the requirement check and the filter functions share one
 * {@link ExchangeTokens}, so an exchange's token is validated once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnIssuer
@ConditionalOnBean({ ReactiveOAuthClient.class, ClaimsReader.class })
@Import(BearerTokenAnswerConfiguration.class)
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
	ReactiveIdentityFilterFunctions reactiveIdentityFilterFunctions(ClaimsReader claimsReader,
			ObjectProvider<BearerTokenAccessExceptionHandler> answers) {
		return new ReactiveIdentityFilterFunctions(this.tokens, claimsReader,
				answers.getIfAvailable(BearerTokenAccessExceptionHandler::new));
	}

}
