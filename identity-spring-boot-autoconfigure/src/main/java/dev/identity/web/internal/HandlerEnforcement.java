package dev.identity.web.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.claims.TokenClaims;
import dev.identity.core.ValidatedToken;
import dev.identity.login.AuthenticatedUser;
import dev.identity.web.Claim;
import dev.identity.web.RequirePermission;
import dev.identity.web.RequireRole;
import dev.identity.web.RequireScope;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The start-up check that every controller method using the starter is enforced: a method
 * that takes a {@link ValidatedToken}, {@link TokenClaims}, {@link Claim @Claim} or
 * {@link AuthenticatedUser} parameter, or a handler that carries
 * {@link RequireRole @RequireRole}, {@link RequirePermission @RequirePermission} or
 * {@link RequireScope @RequireScope}, must never run unchecked because nothing enforces
 * it (no issuer configured, so no engine), nor because the web configuration does not
 * apply the starter ({@link HandlerWiring}), nor get such a parameter from another
 * resolver (a {@code @Claim} bound from the query string). Both web stacks run this one
 * check on their {@link ControllerMethods}.
 */
public final class HandlerEnforcement {

	private static final int LISTED = 5;

	/**
	 * Packages of the annotations whose resolvers Spring or Spring Security consult
	 * before ours.
	 */
	private static final List<String> BINDING_ANNOTATION_PACKAGES = List.of("org.springframework.web.bind.annotation.",
			"org.springframework.security.core.annotation.", "org.springframework.security.web.bind.annotation.");

	private static final List<Class<?>> OUR_TYPES = List.of(ValidatedToken.class, TokenClaims.class,
			AuthenticatedUser.class);

	private static final List<Class<? extends Annotation>> REQUIREMENTS = List.of(RequireRole.class,
			RequirePermission.class, RequireScope.class);

	private HandlerEnforcement() {
	}

	/**
	 * Check every controller method of the application.
	 * @param methods the controller methods ({@link ControllerMethods#find})
	 * @param wiring how the web configuration applies the starter
	 * @param tokensEnforced whether the token parameters and requirements are enforced
	 * (the engine and the web support exist)
	 * @param usersResolved whether {@link AuthenticatedUser} parameters are resolved
	 * (browser login is on)
	 * @param issuer the configured {@code identity.issuer-uri}, or {@code null}
	 * @throws InvalidIdentityConfigurationException naming {@code identity.issuer-uri}
	 * (or {@code identity.client-id}) and the methods, when some method is not enforced
	 * @throws HandlerWiringException when the web configuration does not apply the
	 * starter to some method
	 * @throws IllegalStateException when a parameter would be bound by another resolver,
	 * or an annotation is unusable or not enforced where it is
	 */
	public static void check(List<ControllerMethod> methods, HandlerWiring wiring, boolean tokensEnforced,
			boolean usersResolved, @Nullable String issuer) {
		Set<String> needToken = new LinkedHashSet<>();
		Set<String> needUser = new LinkedHashSet<>();
		List<ControllerMethod> required = new ArrayList<>();
		List<Bound> bound = new ArrayList<>();
		for (ControllerMethod method : methods) {
			if (method.kind() == ControllerMethod.Kind.HANDLER) {
				if (!HandlerRequirements.of(method.targetType(), method.targetMethod()).isEmpty()) {
					needToken.add(method.describe());
					required.add(method);
				}
			}
			else {
				rejectRequirements(method);
			}
			for (MethodParameter parameter : method.method().getMethodParameters()) {
				Use use = use(method, parameter);
				if (use != Use.NONE) {
					((use == Use.TOKEN) ? needToken : needUser).add(method.describe());
					bound.add(new Bound(method, parameter, use));
				}
			}
		}
		List<InvalidIdentityConfigurationException.Problem> problems = unenforced(tokensEnforced ? Set.of() : needToken,
				usersResolved ? Set.of() : needUser, issuer);
		if (!problems.isEmpty()) {
			throw new InvalidIdentityConfigurationException(problems);
		}
		checkWiring(wiring, required, bound);
	}

	private static List<InvalidIdentityConfigurationException.Problem> unenforced(Set<String> tokens, Set<String> users,
			@Nullable String issuer) {
		List<InvalidIdentityConfigurationException.Problem> problems = new ArrayList<>();
		if (issuer == null || issuer.isBlank()) {
			Set<String> all = new LinkedHashSet<>(tokens);
			all.addAll(users);
			if (!all.isEmpty()) {
				problems.add(new InvalidIdentityConfigurationException.Problem("identity.issuer-uri", "",
						"must be set: without it no token is validated, and these methods take the request's token or "
								+ "user, or require a role, permission or scope: " + list(all)));
			}
			return problems;
		}
		if (!tokens.isEmpty()) {
			problems.add(new InvalidIdentityConfigurationException.Problem("identity.issuer-uri", issuer,
					"is set, but the token support of the identity starter's web integration is not active (its "
							+ "auto-configuration is excluded, or the OAuthClient, ReactiveOAuthClient or ClaimsReader "
							+ "bean is missing), so nothing enforces these methods: " + list(tokens)));
		}
		if (!users.isEmpty()) {
			problems.add(new InvalidIdentityConfigurationException.Problem("identity.client-id", "",
					"must be set, with the client's credentials and browser login on (identity.login.enabled), "
							+ "for methods that take the signed-in AuthenticatedUser: " + list(users)));
		}
		return problems;
	}

	private static void checkWiring(HandlerWiring wiring, List<ControllerMethod> required, List<Bound> bound) {
		Set<String> problems = new LinkedHashSet<>();
		for (Bound parameter : bound) {
			String other = wiring.otherResolver(parameter.method(), parameter.parameter());
			if (other != null) {
				problems.add("parameter " + describe(parameter.parameter(), parameter.method()) + ": " + other);
			}
		}
		for (ControllerMethod handler : required) {
			String unchecked = wiring.uncheckedRequirements(handler);
			if (unchecked != null) {
				problems.add("requirements of " + handler.describe() + ": " + unchecked);
			}
		}
		if (!problems.isEmpty()) {
			throw new HandlerWiringException(List.copyOf(problems), wiring.fix());
		}
	}

	/**
	 * Requirements hold where a handler is mapped, never on the methods Spring calls
	 * around it.
	 */
	private static void rejectRequirements(ControllerMethod method) {
		List<AnnotatedElement> elements = List.of(method.method().getMethod(), method.targetMethod());
		for (AnnotatedElement element : elements) {
			for (Class<? extends Annotation> requirement : REQUIREMENTS) {
				if (AnnotatedElementUtils.hasAnnotation(element, requirement)) {
					throw new IllegalStateException("@" + requirement.getSimpleName() + " on "
							+ method.kind().description() + " " + method.describe()
							+ " is not enforced: requirements hold on handler methods and their "
							+ "controller classes only; move it to the handlers this method serves");
				}
			}
		}
		if (AnnotatedElementUtils.hasAnnotation(method.targetType(), ControllerAdvice.class)) {
			for (Class<? extends Annotation> requirement : REQUIREMENTS) {
				if (AnnotatedElementUtils.hasAnnotation(method.targetType(), requirement)) {
					throw new IllegalStateException("@" + requirement.getSimpleName() + " on @ControllerAdvice "
							+ method.targetType().getSimpleName() + " is not enforced: requirements hold on handler "
							+ "methods and their controller classes only");
				}
			}
		}
	}

	private enum Use {

		NONE, TOKEN, USER

	}

	private record Bound(ControllerMethod method, MethodParameter parameter, Use use) {
	}

	private static Use use(ControllerMethod method, MethodParameter parameter) {
		boolean token = TokenParameter.supports(parameter);
		boolean user = parameter.nestedIfOptional().getNestedParameterType() == AuthenticatedUser.class;
		if (token || user) {
			if (method.kind() == ControllerMethod.Kind.INIT_BINDER) {
				// WebFlux resolves them synchronously, without the starter's resolvers;
				// one rule for both stacks.
				throw new IllegalStateException("Parameter " + describe(parameter, method) + " takes the request's "
						+ "token or user, which an @InitBinder method cannot have: take it in the handler or a "
						+ "@ModelAttribute method");
			}
			rejectOtherBinding(parameter, method);
			if (token) {
				// Fails at start-up rather than on the first request: an unsupported
				// @Claim type, a missing name.
				TokenParameter.of(parameter);
			}
			return token ? Use.TOKEN : Use.USER;
		}
		Method target = method.targetMethod();
		MethodParameter implementation = new MethodParameter(target, parameter.getParameterIndex());
		implementation.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
		if (implementation.hasParameterAnnotation(Claim.class)) {
			// A JDK proxy's handler is the interface method, whose parameters Spring
			// binds: an annotation
			// only on the implementation is never seen there, and the parameter is bound
			// from the request.
			throw new IllegalStateException("@Claim on parameter " + describe(implementation, method)
					+ " is not visible through the controller's JDK proxy, so the parameter would be bound from the "
					+ "request: declare @Claim on the interface method's parameter too, or proxy the class "
					+ "(spring.aop.proxy-target-class=true)");
		}
		if (mentionsOurType(ResolvableType.forMethodParameter(parameter), 0)) {
			throw new IllegalStateException("Parameter " + describe(parameter, method) + " is a "
					+ ResolvableType.forMethodParameter(parameter) + ", which no resolver of the identity starter "
					+ "binds: declare ValidatedToken, TokenClaims or AuthenticatedUser, possibly in an Optional");
		}
		return Use.NONE;
	}

	/**
	 * A parameter of ours also claimed by one of Spring's binding annotations would go to
	 * that resolver.
	 */
	private static void rejectOtherBinding(MethodParameter parameter, ControllerMethod method) {
		for (Annotation annotation : parameter.getParameterAnnotations()) {
			Class<? extends Annotation> type = annotation.annotationType();
			if (type == Value.class || BINDING_ANNOTATION_PACKAGES.stream().anyMatch(type.getName()::startsWith)) {
				throw new IllegalStateException("Parameter " + describe(parameter, method)
						+ " is bound by the identity " + "starter and also annotated @" + type.getSimpleName()
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

	private static String describe(MethodParameter parameter, ControllerMethod method) {
		parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
		String name = parameter.getParameterName();
		return ((name != null) ? "'" + name + "'" : "#" + parameter.getParameterIndex()) + " of " + method.describe();
	}

	private static String list(Set<String> methods) {
		String listed = methods.stream().limit(LISTED).collect(Collectors.joining(", "));
		return (methods.size() > LISTED) ? listed + " (and " + (methods.size() - LISTED) + " more)" : listed;
	}

}
