package dev.identity.security;

import dev.identity.web.BearerTokenAccessExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The configurations imported by {@link IdentitySecurityAutoConfiguration}, one per web
 * stack, on unless {@value #ENABLED} is {@code false} (for an application that answers
 * provider failures itself). The answer is rendered by the application's
 * {@link BearerTokenAccessExceptionHandler} when it has one.
 */
final class ProviderFailureConfigurations {

	/** The property that turns both filters off. */
	static final String ENABLED = "identity.web.provider-failure-status.enabled";

	private ProviderFailureConfigurations() {
	}

	private static ProviderFailures failures(ObjectProvider<BearerTokenAccessExceptionHandler> answers) {
		return new ProviderFailures(answers.getIfAvailable(BearerTokenAccessExceptionHandler::new));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnBooleanProperty(name = ENABLED, matchIfMissing = true)
	@ConditionalOnClass(name = { "jakarta.servlet.Filter",
			"org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler" })
	static class ServletConfiguration {

		/**
		 * Registered with the servlet container like any {@code Filter} bean, in its
		 * order.
		 */
		@Bean
		ProviderFailureFilter identityProviderFailureFilter(ObjectProvider<BearerTokenAccessExceptionHandler> answers,
				Environment environment) {
			// Spring Boot registers the security filter chain at
			// spring.security.filter.order (-100).
			int securityOrder = environment.getProperty("spring.security.filter.order", Integer.class, -100);
			return new ProviderFailureFilter(failures(answers), ProviderFailureFilter.orderBefore(securityOrder));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnBooleanProperty(name = ENABLED, matchIfMissing = true)
	@ConditionalOnClass(name = "org.springframework.security.web.server.WebFilterChainProxy")
	static class ReactiveConfiguration {

		@Bean
		ProviderFailureWebFilter identityProviderFailureWebFilter(
				ObjectProvider<BearerTokenAccessExceptionHandler> answers) {
			return new ProviderFailureWebFilter(failures(answers));
		}

	}

}
