package dev.identity.browser.internal;

import java.util.Optional;

import dev.identity.browser.LoginRequiredException;
import dev.identity.login.AuthenticatedUser;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;

/**
 * The rule of an {@link AuthenticatedUser} handler parameter, for both web stacks'
 * argument resolvers: which parameters it binds, and what each receives when nobody is
 * logged in. A {@code @Nullable} one receives {@code null}, an {@code Optional} one an
 * empty value, any other a {@link LoginRequiredException}.
 */
public final class AuthenticatedUserParameter {

	private AuthenticatedUserParameter() {
	}

	/**
	 * Whether a parameter is an {@link AuthenticatedUser}, optionally in an
	 * {@link Optional}.
	 * @param parameter the handler parameter
	 * @return whether {@link #resolve} binds it
	 */
	public static boolean supports(MethodParameter parameter) {
		return parameter.nestedIfOptional().getNestedParameterType() == AuthenticatedUser.class;
	}

	/**
	 * The argument for a parameter that {@link #supports(MethodParameter)}.
	 * @param parameter the handler parameter
	 * @param user the logged-in user, or {@code null} when nobody is
	 * @return the argument: the user, an {@code Optional} of it, or {@code null}
	 * @throws LoginRequiredException when nobody is logged in and the parameter is
	 * required
	 */
	public static @Nullable Object resolve(MethodParameter parameter, @Nullable AuthenticatedUser user) {
		if (parameter.getParameterType() == Optional.class) {
			return Optional.ofNullable(user);
		}
		if (user == null && !parameter.isOptional()) {
			throw new LoginRequiredException();
		}
		return user;
	}

}
