package dev.identity.web.reactive;

import dev.identity.browser.reactive.ReactiveBrowserSession;
import dev.identity.web.HandlerEnforcement;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The start-up check of {@link IdentityWebFluxAutoConfiguration}, present with or without an issuer:
 * once every handler is mapped, a handler that uses the starter's parameters or requirements while
 * nothing enforces them stops start-up ({@link HandlerEnforcement}).
 */
@Configuration(proxyBeanMethods = false)
class WebFluxHandlerEnforcementConfiguration {

	@Bean
	SmartInitializingSingleton identityWebFluxHandlerEnforcement(ObjectProvider<RequestMappingHandlerMapping> mappings,
			ObjectProvider<IdentityWebFluxConfigurer> tokens, ObjectProvider<ReactiveBrowserSession> users,
			Environment environment) {
		return () -> HandlerEnforcement.check(
				mappings.orderedStream().flatMap((mapping) -> mapping.getHandlerMethods().values().stream()).toList(),
				tokens.getIfAvailable() != null, users.getIfAvailable() != null,
				environment.getProperty("identity.issuer-uri"));
	}

}
