package dev.identity.web.servlet;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.HandlerMethodArgumentResolverComposite;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.handler.HandlerExceptionResolverComposite;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Moves the identity starter's argument resolvers (token, claims, {@code @Claim},
 * signed-in user) to the front of Spring MVC's lists: those of handler and
 * {@code @ModelAttribute} methods, and those of {@code @ExceptionHandler} methods. Spring
 * consults custom resolvers after its own annotation- and type-based ones, so another
 * resolver could otherwise bind one of these parameters from the request (a
 * {@code @Claim("tenant")} from {@code ?tenant=...}); first in the list, ours always win.
 */
final class TokenResolversFirst implements BeanPostProcessor {

	/**
	 * The browser login's resolver of the signed-in user, package-private in its own
	 * package.
	 */
	private static final String USER_RESOLVER = "dev.identity.browser.servlet.AuthenticatedUserArgumentResolver";

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RequestMappingHandlerAdapter adapter) {
			List<HandlerMethodArgumentResolver> resolvers = adapter.getArgumentResolvers();
			if (resolvers != null) {
				adapter.setArgumentResolvers(oursFirst(resolvers));
			}
		}
		else if (bean instanceof HandlerExceptionResolverComposite composite) {
			composite.getExceptionResolvers().forEach(TokenResolversFirst::exceptionHandlersFirst);
		}
		else if (bean instanceof HandlerExceptionResolver resolver) {
			exceptionHandlersFirst(resolver);
		}
		return bean;
	}

	private static void exceptionHandlersFirst(HandlerExceptionResolver resolver) {
		if (resolver instanceof ExceptionHandlerExceptionResolver exceptionHandlers) {
			HandlerMethodArgumentResolverComposite resolvers = exceptionHandlers.getArgumentResolvers();
			if (resolvers != null) {
				exceptionHandlers.setArgumentResolvers(oursFirst(resolvers.getResolvers()));
			}
		}
	}

	private static List<HandlerMethodArgumentResolver> oursFirst(List<HandlerMethodArgumentResolver> resolvers) {
		List<HandlerMethodArgumentResolver> ordered = new ArrayList<>(resolvers.size());
		resolvers.stream().filter(TokenResolversFirst::isOurs).forEach(ordered::add);
		resolvers.stream().filter((resolver) -> !isOurs(resolver)).forEach(ordered::add);
		return ordered;
	}

	static boolean isOurs(HandlerMethodArgumentResolver resolver) {
		return resolver instanceof TokenArgumentResolver || resolver.getClass().getName().equals(USER_RESOLVER);
	}

}
