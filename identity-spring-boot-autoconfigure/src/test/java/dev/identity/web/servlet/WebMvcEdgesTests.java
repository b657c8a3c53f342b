package dev.identity.web.servlet;

import java.util.List;

import dev.identity.web.WebEdgesContract;
import dev.identity.web.WebStack;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurationSupport;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The edges of the web integration on Spring MVC.
 */
class WebMvcEdgesTests extends WebEdgesContract {

	@Override
	protected WebStack stack() {
		return new MvcStack();
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
		return true;
	}

	/**
	 * Spring MVC from a direct subclass of its support class: no WebMvcConfigurer bean is
	 * called.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ConfigurersIgnoredConfiguration extends WebMvcConfigurationSupport {

	}

	/**
	 * The same, calling the resolvers and interceptors of every WebMvcConfigurer bean.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ConfigurersAppliedConfiguration extends WebMvcConfigurationSupport {

		private final List<WebMvcConfigurer> configurers;

		ConfigurersAppliedConfiguration(List<WebMvcConfigurer> configurers) {
			this.configurers = configurers;
		}

		@Override
		protected void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
			this.configurers.forEach((configurer) -> configurer.addArgumentResolvers(resolvers));
		}

		@Override
		protected void addInterceptors(InterceptorRegistry registry) {
			this.configurers.forEach((configurer) -> configurer.addInterceptors(registry));
		}

	}

	/**
	 * An application resolver that binds any String, registered before the starter's
	 * configurer.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ForeignResolverConfiguration implements WebMvcConfigurer {

		@Override
		public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
			resolvers.add(new HandlerMethodArgumentResolver() {

				@Override
				public boolean supportsParameter(MethodParameter parameter) {
					return parameter.getParameterType() == String.class;
				}

				@Override
				public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
						NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
					return "forged";
				}

			});
		}

	}

}
