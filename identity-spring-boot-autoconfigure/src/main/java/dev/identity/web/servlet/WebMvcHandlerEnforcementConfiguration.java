package dev.identity.web.servlet;

import dev.identity.browser.servlet.BrowserSession;
import dev.identity.web.HandlerEnforcement;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The start-up check of {@link IdentityWebMvcAutoConfiguration}, present with or without an issuer:
 * once every handler is mapped, a handler that uses the starter's parameters or requirements while
 * nothing enforces them stops start-up ({@link HandlerEnforcement}).
 */
@Configuration(proxyBeanMethods = false)
class WebMvcHandlerEnforcementConfiguration {

	@Bean
	SmartInitializingSingleton identityWebMvcHandlerEnforcement(ObjectProvider<RequestMappingHandlerMapping> mappings,
			ObjectProvider<IdentityWebMvcConfigurer> tokens, ObjectProvider<BrowserSession> users,
			Environment environment) {
		return () -> HandlerEnforcement.check(
				mappings.orderedStream().flatMap((mapping) -> mapping.getHandlerMethods().values().stream()).toList(),
				tokens.getIfAvailable() != null, users.getIfAvailable() != null,
				environment.getProperty("identity.issuer-uri"));
	}

}
