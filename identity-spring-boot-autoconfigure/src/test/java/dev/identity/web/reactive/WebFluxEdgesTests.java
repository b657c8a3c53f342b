package dev.identity.web.reactive;

import dev.identity.web.WebEdgesContract;
import dev.identity.web.WebStack;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;

/**
 * The edges of the web integration on Spring WebFlux.
 */
class WebFluxEdgesTests extends WebEdgesContract {

	@Override
	protected WebStack stack() {
		return new WebFluxStack();
	}

	@Override
	protected Class<?> foreignResolverConfiguration() {
		return ForeignResolverConfiguration.class;
	}

	/** An application resolver that binds any String, registered before the starter's configurer. */
	@Configuration(proxyBeanMethods = false)
	static class ForeignResolverConfiguration implements WebFluxConfigurer {

		@Override
		public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
			configurer.addCustomResolver(new HandlerMethodArgumentResolver() {

				@Override
				public boolean supportsParameter(MethodParameter parameter) {
					return parameter.getParameterType() == String.class;
				}

				@Override
				public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
						ServerWebExchange exchange) {
					return Mono.just("forged");
				}

			});
		}

	}

}
