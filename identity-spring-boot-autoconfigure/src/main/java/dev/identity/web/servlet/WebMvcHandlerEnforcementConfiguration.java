package dev.identity.web.servlet;

import dev.identity.browser.servlet.BrowserSession;
import dev.identity.web.internal.HandlerEnforcement;
import dev.identity.web.internal.HandlerEnforcementStartup;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The start-up check of {@link WebMvcHandlerEnforcementAutoConfiguration}: once every
 * handler is mapped and Spring MVC built, a controller method that uses the starter's
 * parameters or requirements while nothing enforces them, or while Spring MVC's
 * configuration does not apply the starter, stops start-up ({@link HandlerEnforcement}).
 */
@Configuration(proxyBeanMethods = false)
class WebMvcHandlerEnforcementConfiguration {

	@Bean
	SmartInitializingSingleton identityWebMvcHandlerEnforcement(ObjectProvider<RequestMappingHandlerMapping> mappings,
			ObjectProvider<IdentityWebMvcConfigurer> tokens, ObjectProvider<BrowserSession> users,
			ConfigurableListableBeanFactory beanFactory, Environment environment) {
		return HandlerEnforcementStartup.check(() -> mappings.orderedStream()
			.flatMap((mapping) -> mapping.getHandlerMethods().values().stream())
			.toList(), () -> new WebMvcHandlerWiring(beanFactory), tokens, users, beanFactory, environment);
	}

}
