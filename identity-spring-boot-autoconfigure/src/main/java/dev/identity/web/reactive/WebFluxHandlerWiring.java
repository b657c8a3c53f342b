package dev.identity.web.reactive;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.identity.web.internal.ControllerMethod;
import dev.identity.web.internal.HandlerWiring;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter;

/**
 * How Spring WebFlux is actually configured, as built: the custom argument resolvers of
 * every {@link RequestMappingHandlerAdapter}, which serve its handler,
 * {@code @ModelAttribute} and {@code @ExceptionHandler} methods alike. Spring's own
 * resolvers before them bind none of the starter's parameters (one that also carries
 * their annotations is refused by {@link dev.identity.web.internal.HandlerEnforcement});
 * after them, its catch-all would bind a {@code @Claim} from the query string. The
 * requirement check needs nothing here: it is a {@code HandlerAdapter} bean, which
 * WebFlux's dispatcher consults, first, whatever configures WebFlux.
 */
final class WebFluxHandlerWiring implements HandlerWiring {

	/**
	 * The browser login's resolver of the signed-in user, package-private in its own
	 * package.
	 */
	private static final String USER_RESOLVER = "dev.identity.browser.reactive.ReactiveAuthenticatedUserArgumentResolver";

	/**
	 * WebFlux has no public reader of the custom resolvers it was configured with
	 * ({@link WebFluxRuntimeHints} registers it for ahead-of-time compilation).
	 */
	static final @Nullable Method CUSTOM_RESOLVERS = ReflectionUtils.findMethod(ArgumentResolverConfigurer.class,
			"getCustomResolvers");

	private final Map<String, List<HandlerMethodArgumentResolver>> customResolvers = new LinkedHashMap<>();

	WebFluxHandlerWiring(ListableBeanFactory beanFactory) {
		beanFactory.getBeansOfType(RequestMappingHandlerAdapter.class)
			.forEach((name, adapter) -> this.customResolvers.put(name, customResolvers(adapter)));
	}

	private static List<HandlerMethodArgumentResolver> customResolvers(RequestMappingHandlerAdapter adapter) {
		ArgumentResolverConfigurer configurer = adapter.getArgumentResolverConfigurer();
		if (configurer == null) {
			return List.of();
		}
		if (CUSTOM_RESOLVERS == null) {
			// Fail closed: a check that cannot look must not pass.
			throw new IllegalStateException("The identity starter cannot read the argument resolvers of WebFlux's "
					+ "RequestMappingHandlerAdapter (ArgumentResolverConfigurer#getCustomResolvers is missing from "
					+ "this Spring Framework version)");
		}
		ReflectionUtils.makeAccessible(CUSTOM_RESOLVERS);
		@SuppressWarnings("unchecked")
		List<HandlerMethodArgumentResolver> resolvers = (List<HandlerMethodArgumentResolver>) ReflectionUtils
			.invokeMethod(CUSTOM_RESOLVERS, configurer);
		return (resolvers != null) ? List.copyOf(resolvers) : List.of();
	}

	@Override
	public @Nullable String otherResolver(ControllerMethod method, MethodParameter parameter) {
		// Without the starter's resolver, WebFlux's catch-all would bind a @Claim from
		// the request.
		return HandlerWiring.firstResolverOtherThanOurs(this.customResolvers,
				(resolver) -> resolver.supportsParameter(parameter), WebFluxHandlerWiring::isOurs);
	}

	private static boolean isOurs(HandlerMethodArgumentResolver resolver) {
		return resolver instanceof TokenArgumentResolver || resolver.getClass().getName().equals(USER_RESOLVER);
	}

	@Override
	public @Nullable String uncheckedRequirements(ControllerMethod handler) {
		return null;
	}

	@Override
	public String fix() {
		return "Spring WebFlux is configured without the application's WebFluxConfigurer beans, among them the "
				+ "identity starter's, which adds its argument resolvers: a configuration class that extends "
				+ "WebFluxConfigurationSupport directly never calls them. Extend DelegatingWebFluxConfiguration "
				+ "instead (what @EnableWebFlux imports: it calls every WebFluxConfigurer bean), or override "
				+ "configureArgumentResolvers(...) in your subclass to call that of every WebFluxConfigurer bean "
				+ "(inject List<WebFluxConfigurer>). A RequestMappingHandlerAdapter bean of your own needs them too.";
	}

}
