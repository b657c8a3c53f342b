package dev.identity.web;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;

import dev.identity.claims.TokenClaims;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ConcurrentReferenceHashMap;
import org.springframework.web.method.HandlerMethod;

/**
 * The {@link RequireRole @RequireRole}, {@link RequirePermission @RequirePermission} and
 * {@link RequireScope @RequireScope} requirements of one handler method: those of its controller
 * class and its own, every one of which must hold. Immutable.
 */
public final class HandlerRequirements {

	private static final HandlerRequirements NONE = new HandlerRequirements(List.of());

	// Annotations are read once per handler; soft references let a restarted application's classes go.
	private static final Map<Key, HandlerRequirements> cache = new ConcurrentReferenceHashMap<>();

	private final List<Requirement> requirements;

	private HandlerRequirements(List<Requirement> requirements) {
		this.requirements = requirements;
	}

	/**
	 * The requirements of a handler method.
	 * @param handler the handler method
	 * @return its requirements, possibly none
	 * @throws IllegalStateException when an annotation lists no value
	 */
	public static HandlerRequirements of(HandlerMethod handler) {
		return of(handler.getBeanType(), handler.getMethod());
	}

	/**
	 * The requirements of a method as a handler of the given controller class.
	 * @param controllerType the controller class, whose annotations apply to all its handlers
	 * @param method the handler method
	 * @return its requirements, possibly none
	 * @throws IllegalStateException when an annotation lists no value
	 */
	public static HandlerRequirements of(Class<?> controllerType, Method method) {
		Objects.requireNonNull(controllerType, "controllerType");
		Objects.requireNonNull(method, "method");
		return cache.computeIfAbsent(new Key(controllerType, method), HandlerRequirements::read);
	}

	private static HandlerRequirements read(Key key) {
		List<Requirement> requirements = new ArrayList<>();
		// Every annotation counts, also several composed ones on one element: each must hold.
		for (AnnotatedElement element : List.of(key.controllerType(), key.method())) {
			for (RequireRole role : AnnotatedElementUtils.findAllMergedAnnotations(element, RequireRole.class)) {
				requirements.add(Requirement.of("role", role.value(), TokenClaims::hasRole, element));
			}
			for (RequirePermission permission : AnnotatedElementUtils.findAllMergedAnnotations(element,
					RequirePermission.class)) {
				requirements.add(Requirement.of("permission", permission.value(), TokenClaims::hasPermission, element));
			}
			for (RequireScope scope : AnnotatedElementUtils.findAllMergedAnnotations(element, RequireScope.class)) {
				requirements.add(Requirement.of("scope", scope.value(), TokenClaims::hasScope, element));
			}
		}
		return requirements.isEmpty() ? NONE : new HandlerRequirements(List.copyOf(requirements));
	}

	/** Whether the handler has no requirement, and so needs no token for one. */
	public boolean isEmpty() {
		return this.requirements.isEmpty();
	}

	/**
	 * Check a validated token's claims against every requirement.
	 * @param claims the claims of the request's validated token
	 * @throws BearerTokenAccessException (403 {@code insufficient_scope}) at the first requirement they
	 * miss
	 */
	public void check(TokenClaims claims) {
		Objects.requireNonNull(claims, "claims");
		for (Requirement requirement : this.requirements) {
			requirement.check(claims);
		}
	}

	@Override
	public String toString() {
		return "HandlerRequirements" + this.requirements;
	}

	private record Key(Class<?> controllerType, Method method) {
	}

	private record Requirement(String kind, Set<String> anyOf, BiPredicate<TokenClaims, String> test) {

		static Requirement of(String kind, String[] values, BiPredicate<TokenClaims, String> test,
				AnnotatedElement source) {
			Set<String> anyOf = new LinkedHashSet<>();
			for (String value : values) {
				if (value == null || value.isBlank()) {
					throw new IllegalStateException("A blank " + kind + " is required on " + source);
				}
				anyOf.add(value);
			}
			if (anyOf.isEmpty()) {
				// Any of nothing can never hold: a mistake, not a handler nobody may call.
				throw new IllegalStateException("No " + kind + " is listed in the requirement on " + source);
			}
			return new Requirement(kind, Collections.unmodifiableSet(anyOf), test);
		}

		void check(TokenClaims claims) {
			for (String value : this.anyOf) {
				if (this.test.test(claims, value)) {
					return;
				}
			}
			// RFC 6750 §3's scope attribute is a list the token needs all of; several alternatives cannot be
			// written there, and roles and permissions are not scopes.
			String scope = ("scope".equals(this.kind) && this.anyOf.size() == 1) ? this.anyOf.iterator().next() : null;
			throw BearerTokenAccessException.insufficientScope(scope,
					"Token of " + claims.getToken().getSubject() + " has none of the " + this.kind + "s " + this.anyOf);
		}

		@Override
		public String toString() {
			return this.kind + " any of " + this.anyOf;
		}

	}

}
