package dev.identity.web.servlet;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Moves the identity starter's argument resolvers (token, claims, {@code @Claim}, signed-in user) to
 * the front of Spring MVC's list. Spring consults custom resolvers after its own annotation- and
 * type-based ones, so another resolver could otherwise bind one of these parameters from the request
 * (a {@code @Claim("tenant")} from {@code ?tenant=...}); first in the list, ours always win.
 */
final class TokenResolversFirst implements BeanPostProcessor {

	/** The browser login's resolver of the signed-in user, package-private in its own package. */
	private static final String USER_RESOLVER = "dev.identity.browser.servlet.AuthenticatedUserArgumentResolver";

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RequestMappingHandlerAdapter adapter) {
			List<HandlerMethodArgumentResolver> resolvers = adapter.getArgumentResolvers();
			if (resolvers != null) {
				List<HandlerMethodArgumentResolver> ordered = new ArrayList<>(resolvers.size());
				resolvers.stream().filter(TokenResolversFirst::isOurs).forEach(ordered::add);
				resolvers.stream().filter((resolver) -> !isOurs(resolver)).forEach(ordered::add);
				adapter.setArgumentResolvers(ordered);
			}
		}
		return bean;
	}

	static boolean isOurs(HandlerMethodArgumentResolver resolver) {
		return resolver instanceof TokenArgumentResolver || resolver.getClass().getName().equals(USER_RESOLVER);
	}

}
