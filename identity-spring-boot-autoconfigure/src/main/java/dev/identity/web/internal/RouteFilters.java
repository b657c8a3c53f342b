package dev.identity.web.internal;

import java.util.function.Function;

import dev.identity.core.ValidatedToken;
import dev.identity.web.BearerTokenAccessException;
import org.jspecify.annotations.Nullable;

/**
 * What each filter of the functional routes requires, for both web stacks' filter
 * functions: {@code authenticated()} a valid token, {@code hasRole},
 * {@code hasPermission} and {@code hasScope} one of the named privileges besides, and a
 * handler that asks for the token a token. Each stack turns the requirements into its own
 * filter type.
 *
 * @param <F> the stack's filter type
 */
public final class RouteFilters<F> {

	private final Function<HandlerRequirements, F> filter;

	/**
	 * Create the filters of a web stack.
	 * @param filter makes the stack's filter that checks the requirements
	 */
	public RouteFilters(Function<HandlerRequirements, F> filter) {
		this.filter = filter;
	}

	/**
	 * A filter that requires a valid bearer token.
	 * @return the filter
	 */
	public F authenticated() {
		return this.filter.apply(HandlerRequirements.allOf());
	}

	/**
	 * A filter that requires a valid token with one of the roles.
	 * @param anyOf the roles, at least one
	 * @return the filter
	 * @throws IllegalArgumentException when none is given or one is blank
	 */
	public F hasRole(String... anyOf) {
		return this.filter.apply(HandlerRequirements.allOf(TokenRequirement.role(anyOf)));
	}

	/**
	 * A filter that requires a valid token with one of the permissions.
	 * @param anyOf the permissions, at least one
	 * @return the filter
	 * @throws IllegalArgumentException when none is given or one is blank
	 */
	public F hasPermission(String... anyOf) {
		return this.filter.apply(HandlerRequirements.allOf(TokenRequirement.permission(anyOf)));
	}

	/**
	 * A filter that requires a valid token with one of the scopes.
	 * @param anyOf the scopes, at least one
	 * @return the filter
	 * @throws IllegalArgumentException when none is given or one is blank
	 */
	public F hasScope(String... anyOf) {
		return this.filter.apply(HandlerRequirements.allOf(TokenRequirement.scope(anyOf)));
	}

	/**
	 * The token a handler asked for.
	 * @param token the request's validated token, or {@code null} when it has none
	 * @return the token
	 * @throws BearerTokenAccessException (401) when the request has no token
	 */
	public static ValidatedToken required(@Nullable ValidatedToken token) {
		if (token == null) {
			throw BearerTokenAccessException.missingToken();
		}
		return token;
	}

}
