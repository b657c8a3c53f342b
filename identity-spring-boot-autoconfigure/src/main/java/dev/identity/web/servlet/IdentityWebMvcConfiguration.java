package dev.identity.web.servlet;

import dev.identity.claims.ClaimsReader;
import dev.identity.client.OAuthClient;
import dev.identity.web.BearerTokenAccessExceptionHandler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans of {@link IdentityWebMvcAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class IdentityWebMvcConfiguration {

	@Bean
	IdentityWebMvcConfigurer identityWebMvcConfigurer(OAuthClient client, ClaimsReader claimsReader) {
		return new IdentityWebMvcConfigurer(client, claimsReader);
	}

	@Bean
	@ConditionalOnMissingBean
	BearerTokenAccessExceptionHandler bearerTokenAccessExceptionHandler() {
		return new BearerTokenAccessExceptionHandler();
	}

}
