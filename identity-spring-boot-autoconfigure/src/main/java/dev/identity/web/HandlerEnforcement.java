package dev.identity.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.claims.TokenClaims;
import dev.identity.core.ValidatedToken;
import dev.identity.login.AuthenticatedUser;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.web.method.HandlerMethod;

/**
 * The start-up check that every handler using the starter is enforced: a handler that takes a
 * {@link ValidatedToken}, {@link TokenClaims}, {@link Claim @Claim} or {@link AuthenticatedUser}
 * parameter, or carries {@link RequireRole @RequireRole}, {@link RequirePermission @RequirePermission}
 * or {@link RequireScope @RequireScope}, must never run unchecked because nothing enforces it (no
 * issuer configured, so no engine), nor get such a parameter from another resolver (a {@code @Claim}
 * bound from the query string). Both web stacks run this one check on their handler methods.
 */
public final class HandlerEnforcement {

	private static final int LISTED = 5;

	/** Packages of the annotations whose resolvers Spring or Spring Security consult before ours. */
	private static final List<String> BINDING_ANNOTATION_PACKAGES = List.of("org.springframework.web.bind.annotation.",
			"org.springframework.security.core.annotation.", "org.springframework.security.web.bind.annotation.");

	private static final List<Class<?>> OUR_TYPES = List.of(ValidatedToken.class, TokenClaims.class,
			AuthenticatedUser.class);

	private HandlerEnforcement() {
	}

	/**
	 * Check every handler method of the application.
	 * @param handlers the handler methods, their beans resolved or not
	 * @param tokensEnforced whether the token parameters and requirements are enforced (the engine and
	 * the web support exist)
	 * @param usersResolved whether {@link AuthenticatedUser} parameters are resolved (browser login is on)
	 * @param issuer the configured {@code identity.issuer-uri}, or {@code null}
	 * @throws InvalidIdentityConfigurationException naming {@code identity.issuer-uri} (or
	 * {@code identity.client-id}) and the handlers, when some handler is not enforced
	 * @throws IllegalStateException when a parameter would be bound by another resolver, or an
	 * annotation is unusable
	 */
	public static void check(Iterable<HandlerMethod> handlers, boolean tokensEnforced, boolean usersResolved,
			@Nullable String issuer) {
		Set<String> needToken = new LinkedHashSet<>();
		Set<String> needUser = new LinkedHashSet<>();
		for (HandlerMethod handler : handlers) {
			HandlerMethod resolved = resolveJdkProxy(handler);
			String name = describe(resolved);
			if (!HandlerRequirements.of(resolved).isEmpty()) {
				needToken.add(name);
			}
			Method target = HandlerTargets.targetMethod(resolved, HandlerTargets.targetType(resolved));
			for (MethodParameter parameter : resolved.getMethodParameters()) {
				Use use = use(parameter, target);
				if (use == Use.TOKEN) {
					needToken.add(name);
				}
				else if (use == Use.USER) {
					needUser.add(name);
				}
			}
		}
		List<InvalidIdentityConfigurationException.Problem> problems = new ArrayList<>();
		if (!tokensEnforced) {
			Set<String> all = new LinkedHashSet<>(needToken);
			all.addAll(needUser);
			if (!all.isEmpty()) {
				problems.add(issuerProblem(issuer, all));
			}
		}
		else if (!usersResolved && !needUser.isEmpty()) {
			problems.add(new InvalidIdentityConfigurationException.Problem("identity.client-id", "",
					"must be set, with the client's credentials and browser login on (identity.login.enabled), "
							+ "for handlers that take the signed-in AuthenticatedUser: " + list(needUser)));
		}
		if (!problems.isEmpty()) {
			throw new InvalidIdentityConfigurationException(problems);
		}
	}

	private static InvalidIdentityConfigurationException.Problem issuerProblem(@Nullable String issuer,
			Set<String> handlers) {
		if (issuer == null || issuer.isBlank()) {
			return new InvalidIdentityConfigurationException.Problem("identity.issuer-uri", "",
					"must be set: without it no token is validated, and these handlers take the request's token or "
							+ "user, or require a role, permission or scope: " + list(handlers));
		}
		return new InvalidIdentityConfigurationException.Problem("identity.issuer-uri", issuer,
				"is set, but the web support of the identity starter is not active (its auto-configuration is "
						+ "excluded, or the OAuthClient or ClaimsReader is missing), so nothing enforces these handlers: "
						+ list(handlers));
	}

	private enum Use {

		NONE, TOKEN, USER

	}

	private static Use use(MethodParameter parameter, Method target) {
		boolean token = TokenParameter.supports(parameter);
		boolean user = parameter.nestedIfOptional().getNestedParameterType() == AuthenticatedUser.class;
		if (token || user) {
			rejectOtherBinding(parameter);
			if (token) {
				// Fails at start-up rather than on the first request: an unsupported @Claim type, a missing name.
				TokenParameter.of(parameter);
			}
			return token ? Use.TOKEN : Use.USER;
		}
		MethodParameter implementation = new MethodParameter(target, parameter.getParameterIndex());
		implementation.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
		if (implementation.hasParameterAnnotation(Claim.class)) {
			// A JDK proxy's handler is the interface method, whose parameters Spring binds: an annotation
			// only on the implementation is never seen there, and the parameter is bound from the request.
			throw new IllegalStateException("@Claim on parameter " + describe(implementation)
					+ " is not visible through the controller's JDK proxy, so the parameter would be bound from the "
					+ "request: declare @Claim on the interface method's parameter too, or proxy the class "
					+ "(spring.aop.proxy-target-class=true)");
		}
		if (mentionsOurType(ResolvableType.forMethodParameter(parameter), 0)) {
			throw new IllegalStateException("Parameter " + describe(parameter) + " is a "
					+ ResolvableType.forMethodParameter(parameter) + ", which no resolver of the identity starter "
					+ "binds: declare ValidatedToken, TokenClaims or AuthenticatedUser, possibly in an Optional");
		}
		return Use.NONE;
	}

	/** A parameter of ours also claimed by one of Spring's binding annotations would go to that resolver. */
	private static void rejectOtherBinding(MethodParameter parameter) {
		for (Annotation annotation : parameter.getParameterAnnotations()) {
			Class<? extends Annotation> type = annotation.annotationType();
			if (type == Value.class || BINDING_ANNOTATION_PACKAGES.stream().anyMatch(type.getName()::startsWith)) {
				throw new IllegalStateException("Parameter " + describe(parameter) + " is bound by the identity "
						+ "starter and also annotated @" + type.getSimpleName()
						+ ", which would bind it from the request instead: remove one of them");
			}
		}
	}

	private static boolean mentionsOurType(ResolvableType type, int depth) {
		if (depth > 4 || type == ResolvableType.NONE) {
			return false;
		}
		Class<?> raw = type.resolve();
		if (raw != null && OUR_TYPES.contains(raw)) {
			return true;
		}
		if (type.isArray()) {
			return mentionsOurType(type.getComponentType(), depth + 1);
		}
		for (ResolvableType generic : type.getGenerics()) {
			if (mentionsOurType(generic, depth + 1)) {
				return true;
			}
		}
		return false;
	}

	private static HandlerMethod resolveJdkProxy(HandlerMethod handler) {
		// The requirements of a JDK-proxied controller's class are found only through its instance.
		if (handler.getBean() instanceof String && Proxy.isProxyClass(handler.getBeanType())) {
			try {
				return handler.createWithResolvedBean();
			}
			catch (BeansException ex) {
				// A bean that cannot be had at start-up (a custom scope) is read as Spring sees it.
				return handler;
			}
		}
		return handler;
	}

	private static String describe(HandlerMethod handler) {
		return HandlerTargets.targetType(handler).getSimpleName() + "#" + handler.getMethod().getName();
	}

	private static String describe(MethodParameter parameter) {
		String name = parameter.getParameterName();
		return ((name != null) ? "'" + name + "'" : "#" + parameter.getParameterIndex()) + " of "
				+ parameter.getDeclaringClass().getSimpleName() + "#" + parameter.getExecutable().getName();
	}

	private static String list(Set<String> handlers) {
		String listed = handlers.stream().limit(LISTED).collect(Collectors.joining(", "));
		return (handlers.size() > LISTED) ? listed + " (and " + (handlers.size() - LISTED) + " more)" : listed;
	}

}
