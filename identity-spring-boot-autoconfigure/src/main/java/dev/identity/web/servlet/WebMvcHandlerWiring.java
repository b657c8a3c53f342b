package dev.identity.web.servlet;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.identity.web.internal.ControllerMethod;
import dev.identity.web.internal.HandlerWiring;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.handler.HandlerExceptionResolverComposite;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * How Spring MVC is actually configured, as built: the argument resolvers of every
 * {@link RequestMappingHandlerAdapter} (handler and {@code @ModelAttribute} methods) and
 * {@link ExceptionHandlerExceptionResolver} ({@code @ExceptionHandler} methods), and the
 * interceptors of every {@link RequestMappingHandlerMapping}. Whether the application's
 * {@code WebMvcConfigurer} beans were applied is read from there, not assumed from their
 * existence.
 */
final class WebMvcHandlerWiring implements HandlerWiring {

	private final Map<String, List<HandlerMethodArgumentResolver>> handlerResolvers = new LinkedHashMap<>();

	private final Map<String, List<HandlerMethodArgumentResolver>> exceptionHandlerResolvers = new LinkedHashMap<>();

	private final Map<HandlerMethod, String> uncheckedHandlers = new LinkedHashMap<>();

	WebMvcHandlerWiring(ListableBeanFactory beanFactory) {
		beanFactory.getBeansOfType(RequestMappingHandlerAdapter.class).forEach((name, adapter) -> {
			List<HandlerMethodArgumentResolver> resolvers = adapter.getArgumentResolvers();
			this.handlerResolvers.put(name, (resolvers != null) ? resolvers : List.of());
		});
		beanFactory.getBeansOfType(HandlerExceptionResolver.class).forEach((name, resolver) -> {
			List<HandlerExceptionResolver> resolvers = (resolver instanceof HandlerExceptionResolverComposite composite)
					? composite.getExceptionResolvers() : List.of(resolver);
			for (HandlerExceptionResolver each : resolvers) {
				if (each instanceof ExceptionHandlerExceptionResolver exceptionHandlers) {
					this.exceptionHandlerResolvers.put(name, (exceptionHandlers.getArgumentResolvers() != null)
							? exceptionHandlers.getArgumentResolvers().getResolvers() : List.of());
				}
			}
		});
		beanFactory.getBeansOfType(RequestMappingHandlerMapping.class).forEach((name, mapping) -> {
			// A mapping without interceptors answers null (Actuator's endpoint mappings
			// do).
			HandlerInterceptor[] interceptors = mapping.getAdaptedInterceptors();
			if (interceptors == null
					|| Arrays.stream(interceptors).noneMatch(TokenRequirementsInterceptor.class::isInstance)) {
				mapping.getHandlerMethods().values().forEach((handler) -> this.uncheckedHandlers.put(handler, name));
			}
		});
	}

	@Override
	public @Nullable String otherResolver(ControllerMethod method, MethodParameter parameter) {
		Map<String, List<HandlerMethodArgumentResolver>> lists = (method
			.kind() == ControllerMethod.Kind.EXCEPTION_HANDLER) ? this.exceptionHandlerResolvers
					: this.handlerResolvers;
		return HandlerWiring.firstResolverOtherThanOurs(lists, (resolver) -> resolver.supportsParameter(parameter),
				TokenResolversFirst::isOurs);
	}

	@Override
	public @Nullable String uncheckedRequirements(ControllerMethod handler) {
		String mapping = this.uncheckedHandlers.get(handler.handler());
		return (mapping != null)
				? mapping + " does not apply the identity starter's requirement check (its HandlerInterceptor)" : null;
	}

	@Override
	public String fix() {
		return "Spring MVC is configured without the application's WebMvcConfigurer beans, among them the identity "
				+ "starter's, which adds its argument resolvers and requirement check: a configuration class that "
				+ "extends WebMvcConfigurationSupport directly never calls them. Extend DelegatingWebMvcConfiguration "
				+ "instead (what @EnableWebMvc imports: it calls every WebMvcConfigurer bean), or override "
				+ "addArgumentResolvers(...) and addInterceptors(...) in your subclass to call those of every "
				+ "WebMvcConfigurer bean (inject List<WebMvcConfigurer>). A RequestMappingHandlerAdapter or "
				+ "HandlerMapping bean of your own needs them too.";
	}

}
