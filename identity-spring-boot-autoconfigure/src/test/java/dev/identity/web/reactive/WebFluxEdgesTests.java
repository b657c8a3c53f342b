package dev.identity.web.reactive;

import java.util.List;

import dev.identity.web.WebEdgesContract;
import dev.identity.web.WebStack;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurationSupport;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

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

	@Override
	protected Class<?> configurersIgnoredConfiguration() {
		return ConfigurersIgnoredConfiguration.class;
	}

	@Override
	protected Class<?> configurersAppliedConfiguration() {
		return ConfigurersAppliedConfiguration.class;
	}

	@Override
	protected boolean requirementsAppliedByConfigurer() {
		return false;
	}

	/**
	 * WebFlux from a direct subclass of its support class: no WebFluxConfigurer bean is
	 * called.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ConfigurersIgnoredConfiguration extends WebFluxConfigurationSupport {

	}

	/** The same, calling the argument resolvers of every WebFluxConfigurer bean. */
	@Configuration(proxyBeanMethods = false)
	static class ConfigurersAppliedConfiguration extends WebFluxConfigurationSupport {

		private final List<WebFluxConfigurer> configurers;

		ConfigurersAppliedConfiguration(List<WebFluxConfigurer> configurers) {
			this.configurers = configurers;
		}

		@Override
		protected void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
			this.configurers.forEach((each) -> each.configureArgumentResolvers(configurer));
		}

	}

	/**
	 * An application resolver that binds any String, registered before the starter's
	 * configurer.
	 */
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
