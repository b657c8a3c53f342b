package dev.identity.web.internal;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;

import dev.identity.claims.TokenClaims;
import dev.identity.web.BearerTokenAccessException;

/**
 * One requirement on a validated token: a role, a permission or a scope, any one of
 * several values sufficing. The single check behind {@link RequireRole @RequireRole},
 * {@link RequirePermission @RequirePermission} and {@link RequireScope @RequireScope} on
 * controllers and behind the filter functions of functional routes, so both answer alike.
 * Immutable.
 */
public final class TokenRequirement {

	private final Kind kind;

	private final Set<String> anyOf;

	private TokenRequirement(Kind kind, Set<String> anyOf) {
		this.kind = kind;
		this.anyOf = anyOf;
	}

	/**
	 * Require one of the given roles, as read by {@link TokenClaims#hasRole(String)}.
	 * @param anyOf the roles, at least one
	 * @return the requirement
	 * @throws IllegalArgumentException when none is given or one is blank
	 */
	public static TokenRequirement role(String... anyOf) {
		return of(Kind.ROLE, anyOf, "roles");
	}

	/**
	 * Require one of the given permissions, as read by
	 * {@link TokenClaims#hasPermission(String)}.
	 * @param anyOf the permissions, at least one
	 * @return the requirement
	 * @throws IllegalArgumentException when none is given or one is blank
	 */
	public static TokenRequirement permission(String... anyOf) {
		return of(Kind.PERMISSION, anyOf, "permissions");
	}

	/**
	 * Require one of the given scopes, as read by {@link TokenClaims#hasScope(String)}.
	 * @param anyOf the scopes, at least one
	 * @return the requirement
	 * @throws IllegalArgumentException when none is given or one is blank
	 */
	public static TokenRequirement scope(String... anyOf) {
		return of(Kind.SCOPE, anyOf, "scopes");
	}

	private static TokenRequirement of(Kind kind, String[] values, String source) {
		Objects.requireNonNull(values, source);
		Set<String> anyOf = new LinkedHashSet<>();
		for (String value : values) {
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException("A blank " + kind.word + " is required");
			}
			anyOf.add(value);
		}
		if (anyOf.isEmpty()) {
			// Any of nothing can never hold: a mistake, not a resource nobody may use.
			throw new IllegalArgumentException("No " + kind.word + " is listed in the requirement");
		}
		return new TokenRequirement(kind, Collections.unmodifiableSet(anyOf));
	}

	/**
	 * Check a validated token's claims.
	 * @param claims the claims of the request's validated token
	 * @throws BearerTokenAccessException (403 {@code insufficient_scope}) when they hold
	 * none of the values
	 */
	public void check(TokenClaims claims) {
		Objects.requireNonNull(claims, "claims");
		for (String value : this.anyOf) {
			if (this.kind.test.test(claims, value)) {
				return;
			}
		}
		// RFC 6750 §3's scope attribute is a list the token needs all of; several
		// alternatives cannot be
		// written there, and roles and permissions are not scopes.
		String scope = (this.kind == Kind.SCOPE && this.anyOf.size() == 1) ? this.anyOf.iterator().next() : null;
		throw BearerTokenAccessException.insufficient(this.kind.word, scope, "Token of "
				+ claims.getToken().getSubject() + " has none of the " + this.kind.word + "s " + this.anyOf);
	}

	@Override
	public String toString() {
		return this.kind.word + " any of " + this.anyOf;
	}

	private enum Kind {

		ROLE("role", TokenClaims::hasRole), PERMISSION("permission", TokenClaims::hasPermission),
		SCOPE("scope", TokenClaims::hasScope);

		private final String word;

		private final BiPredicate<TokenClaims, String> test;

		Kind(String word, BiPredicate<TokenClaims, String> test) {
			this.word = word;
			this.test = test;
		}

	}

}
