package dev.identity.web.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;

/**
 * How one web stack's configuration applies the identity starter to the methods
 * {@link HandlerEnforcement} checks: whether the starter's resolvers bind its parameters,
 * and whether its requirement check runs before the handlers. A configuration that
 * bypasses the application's configurers (one extending
 * {@code WebMvcConfigurationSupport} or {@code WebFluxConfigurationSupport} directly) has
 * neither.
 */
public interface HandlerWiring {

	/**
	 * What binds a parameter of the starter instead of its own resolver.
	 * @param method the method
	 * @param parameter its parameter, of the starter's types
	 * @return where another resolver, or none, would bind it; {@code null} when the
	 * starter's binds it
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

	/**
	 * The rule both stacks apply to their lists of argument resolvers: Spring binds a
	 * parameter with the first resolver that supports it, which must be the starter's in
	 * every list.
	 * @param <R> the stack's resolver type
	 * @param lists the resolver lists in their order, by the name of the bean that holds
	 * each
	 * @param supports whether a resolver supports the parameter
	 * @param ours whether a resolver is the starter's
	 * @return what binds the parameter instead, or {@code null} when the starter's
	 * resolver does
	 */
	static <R> @Nullable String firstResolverOtherThanOurs(Map<String, List<R>> lists, Predicate<R> supports,
			Predicate<R> ours) {
		for (Map.Entry<String, List<R>> list : lists.entrySet()) {
			R first = list.getValue().stream().filter(supports).findFirst().orElse(null);
			if (first == null) {
				return "no resolver of the identity starter in " + list.getKey();
			}
			if (!ours.test(first)) {
				return "bound by " + first.getClass().getName() + " in " + list.getKey()
						+ ", not by the identity starter";
			}
		}
		return null;
	}

}
