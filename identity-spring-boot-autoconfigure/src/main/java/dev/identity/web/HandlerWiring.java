package dev.identity.web;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

/**
 * How one web stack's configuration applies the identity starter to the methods
 * {@link HandlerEnforcement} checks: whether the starter's resolvers bind its parameters, and whether
 * its requirement check runs before the handlers. A configuration that bypasses the application's
 * configurers (one extending {@code WebMvcConfigurationSupport} or {@code WebFluxConfigurationSupport}
 * directly) has neither.
 */
public interface HandlerWiring {

	/**
	 * What binds a parameter of the starter instead of its own resolver.
	 * @param method the method
	 * @param parameter its parameter, of the starter's types
	 * @return where another resolver, or none, would bind it; {@code null} when the starter's binds it
	 */
	@Nullable String otherResolver(ControllerMethod method, MethodParameter parameter);

	/**
	 * Whether a handler's requirements are checked before it runs.
	 * @param handler a handler method with requirements
	 * @return where the check is missing; {@code null} when it runs
	 */
	@Nullable String uncheckedRequirements(ControllerMethod handler);

	/**
	 * How to make the configuration apply the starter.
	 * @return the fix, for the failure analysis
	 */
	String fix();

}
