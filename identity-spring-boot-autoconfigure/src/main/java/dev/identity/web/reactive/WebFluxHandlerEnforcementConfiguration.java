package dev.identity.web.reactive;

import dev.identity.browser.reactive.ReactiveBrowserSession;
import dev.identity.web.internal.HandlerEnforcement;
import dev.identity.web.internal.HandlerEnforcementStartup;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The start-up check of {@link WebFluxHandlerEnforcementAutoConfiguration}: once every
 * handler is mapped and WebFlux built, a controller method that uses the starter's
 * parameters or requirements while nothing enforces them, or while WebFlux's
 * configuration does not apply the starter, stops start-up ({@link HandlerEnforcement}).
 */
@Configuration(proxyBeanMethods = false)
class WebFluxHandlerEnforcementConfiguration {

	@Bean
	SmartInitializingSingleton identityWebFluxHandlerEnforcement(ObjectProvider<RequestMappingHandlerMapping> mappings,
			ObjectProvider<IdentityWebFluxConfigurer> tokens, ObjectProvider<ReactiveBrowserSession> users,
			ConfigurableListableBeanFactory beanFactory, Environment environment) {
		return HandlerEnforcementStartup.check(() -> mappings.orderedStream()
			.flatMap((mapping) -> mapping.getHandlerMethods().values().stream())
			.toList(), () -> new WebFluxHandlerWiring(beanFactory), tokens, users, beanFactory, environment);
	}

}
