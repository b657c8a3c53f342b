package dev.identity.browser.servlet;

import java.util.Optional;

import dev.identity.browser.LoginRequiredException;
import dev.identity.login.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link AuthenticatedUser} handler parameters from the session. A
 * {@code @Nullable} one receives {@code null} and an {@code Optional} one an empty value
 * when nobody is logged in; any other raises {@link LoginRequiredException}.
 */
final class AuthenticatedUserArgumentResolver implements HandlerMethodArgumentResolver {

	private final BrowserSession sessions;

	AuthenticatedUserArgumentResolver(BrowserSession sessions) {
		this.sessions = sessions;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.nestedIfOptional().getNestedParameterType() == AuthenticatedUser.class;
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		AuthenticatedUser user = (request != null) ? this.sessions.currentUser(request) : null;
		if (parameter.getParameterType() == Optional.class) {
			return Optional.ofNullable(user);
		}
		if (user == null && !parameter.isOptional()) {
			throw new LoginRequiredException();
		}
		return user;
	}

}
