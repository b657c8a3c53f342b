package dev.identity.web.internal;

import dev.identity.web.BearerTokenAccessExceptionHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link BearerTokenAccessExceptionHandler} that renders refused requests on both
 * web stacks, unless the application declares its own. Imported by the servlet and the
 * WebFlux configuration.
 */
@Configuration(proxyBeanMethods = false)
public final class BearerTokenAnswerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BearerTokenAccessExceptionHandler bearerTokenAccessExceptionHandler() {
		return new BearerTokenAccessExceptionHandler();
	}

}
