package dev.identity.web.internal;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.identity.claims.ClaimsReader;
import dev.identity.claims.TokenClaims;
import dev.identity.core.ValidatedToken;
import dev.identity.web.BearerTokenAccessException;
import dev.identity.web.RequirePermission;
import dev.identity.web.RequireRole;
import dev.identity.web.RequireScope;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ConcurrentReferenceHashMap;
import org.springframework.web.method.HandlerMethod;

/**
 * The {@link RequireRole @RequireRole}, {@link RequirePermission @RequirePermission} and
 * {@link RequireScope @RequireScope} requirements of one handler method: those of its
 * controller class and its own, every one of which must hold; or those of a functional
 * route's filter. Immutable.
 * <p>
 * A proxied controller is read through to its target: with a JDK proxy, Spring maps the
 * interface's method on the proxy's class, which carry none of the annotations of the
 * implementing class; with a CGLIB proxy it maps the user class. Both are read from the
 * target class and its most specific method, whose annotations include those of the
 * interfaces it implements.
 */
public final class HandlerRequirements {

	private static final HandlerRequirements NONE = new HandlerRequirements(List.of());

	// Annotations are read once per handler; soft references let a restarted
	// application's classes go.
	private static final Map<Key, HandlerRequirements> cache = new ConcurrentReferenceHashMap<>();

	private final List<TokenRequirement> requirements;

	private HandlerRequirements(List<TokenRequirement> requirements) {
		this.requirements = requirements;
	}

	/**
	 * The requirements of a handler method. Its bean should be resolved (as it is when a
	 * request is mapped to it): the requirements of a JDK-proxied controller's class are
	 * found only through its instance.
	 * @param handler the handler method
	 * @return its requirements, possibly none
	 * @throws IllegalStateException when an annotation lists no value
	 */
	public static HandlerRequirements of(HandlerMethod handler) {
		Class<?> targetType = HandlerTargets.targetType(handler);
		return of(targetType, HandlerTargets.targetMethod(handler, targetType));
	}

	/**
	 * The requirements of a method as a handler of the given controller class.
	 * @param controllerType the controller class, whose annotations apply to all its
	 * handlers
	 * @param method the handler method
	 * @return its requirements, possibly none
	 * @throws IllegalStateException when an annotation lists no value
	 */
	public static HandlerRequirements of(Class<?> controllerType, Method method) {
		Objects.requireNonNull(controllerType, "controllerType");
		Objects.requireNonNull(method, "method");
		return cache.computeIfAbsent(new Key(controllerType, method), HandlerRequirements::read);
	}

	/**
	 * The requirements of a functional route's filter, every one of which must hold.
	 * @param requirements the requirements, possibly none: a valid token then suffices
	 * @return the requirements
	 */
	public static HandlerRequirements allOf(TokenRequirement... requirements) {
		List<TokenRequirement> all = List.of(requirements);
		return all.isEmpty() ? NONE : new HandlerRequirements(all);
	}

	private static HandlerRequirements read(Key key) {
		List<TokenRequirement> requirements = new ArrayList<>();
		// Every annotation counts, also several composed ones on one element: each must
		// hold.
		for (AnnotatedElement element : List.of(key.controllerType(), key.method())) {
			for (RequireRole role : AnnotatedElementUtils.findAllMergedAnnotations(element, RequireRole.class)) {
				requirements.add(requirement(() -> TokenRequirement.role(role.value()), element));
			}
			for (RequirePermission permission : AnnotatedElementUtils.findAllMergedAnnotations(element,
					RequirePermission.class)) {
				requirements.add(requirement(() -> TokenRequirement.permission(permission.value()), element));
			}
			for (RequireScope scope : AnnotatedElementUtils.findAllMergedAnnotations(element, RequireScope.class)) {
				requirements.add(requirement(() -> TokenRequirement.scope(scope.value()), element));
			}
		}
		return requirements.isEmpty() ? NONE : new HandlerRequirements(List.copyOf(requirements));
	}

	private static TokenRequirement requirement(Supplier<TokenRequirement> requirement, AnnotatedElement source) {
		try {
			return requirement.get();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(ex.getMessage() + " on " + source, ex);
		}
	}

	/**
	 * Whether the handler has no requirement, and so needs no token for one: the
	 * controller integration then lets it pass without calling
	 * {@link #check(ValidatedToken, ClaimsReader)}.
	 */
	public boolean isEmpty() {
		return this.requirements.isEmpty();
	}

	/**
	 * The rule of every place that enforces requirements (the controllers of both stacks
	 * and the filters of functional routes): a request needs a valid token, whose claims
	 * hold every requirement.
	 * @param token the request's validated token, or {@code null} when it carries none
	 * @param claimsReader the reader of its claims
	 * @throws BearerTokenAccessException (401 {@code invalid_token}) without a token,
	 * (403 {@code insufficient_scope}) at the first requirement its claims miss
	 */
	public void check(@Nullable ValidatedToken token, ClaimsReader claimsReader) {
		if (token == null) {
			throw BearerTokenAccessException.missingToken();
		}
		check(claimsReader.read(token));
	}

	/**
	 * Check a validated token's claims against every requirement.
	 * @param claims the claims of the request's validated token
	 * @throws BearerTokenAccessException (403 {@code insufficient_scope}) at the first
	 * requirement they miss
	 */
	public void check(TokenClaims claims) {
		Objects.requireNonNull(claims, "claims");
		for (TokenRequirement requirement : this.requirements) {
			requirement.check(claims);
		}
	}

	@Override
	public String toString() {
		return "HandlerRequirements" + this.requirements;
	}

	private record Key(Class<?> controllerType, Method method) {
	}

}
