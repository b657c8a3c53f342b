package dev.identity.web.servlet;

import dev.identity.autoconfigure.ConditionalOnIssuer;
import dev.identity.claims.ClaimsReader;
import dev.identity.client.OAuthClient;
import dev.identity.web.BearerTokenAccessExceptionHandler;
import dev.identity.web.internal.BearerTokenAnswerConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The beans of {@link IdentityWebMvcAutoConfiguration} that need the engine. The argument
 * resolver, the requirement check and the filter functions share one
 * {@link RequestTokens}, so a request's token is validated once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnIssuer
@ConditionalOnBean({ OAuthClient.class, ClaimsReader.class })
@Import(BearerTokenAnswerConfiguration.class)
class IdentityWebMvcConfiguration {

	private final RequestTokens tokens;

	IdentityWebMvcConfiguration(OAuthClient client) {
		this.tokens = new RequestTokens(client);
	}

	/**
	 * Puts the starter's argument resolvers before Spring's own; static, as every
	 * post-processor.
	 */
	@Bean
	static TokenResolversFirst identityTokenResolversFirst() {
		return new TokenResolversFirst();
	}

	@Bean
	IdentityWebMvcConfigurer identityWebMvcConfigurer(ClaimsReader claimsReader) {
		return new IdentityWebMvcConfigurer(this.tokens, claimsReader);
	}

	@Bean
	@ConditionalOnMissingBean
	IdentityFilterFunctions identityFilterFunctions(ClaimsReader claimsReader,
			ObjectProvider<BearerTokenAccessExceptionHandler> answers) {
		return new IdentityFilterFunctions(this.tokens, claimsReader,
				answers.getIfAvailable(BearerTokenAccessExceptionHandler::new));
	}

}
