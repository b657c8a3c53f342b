package dev.identity.browser.servlet;

import dev.identity.browser.internal.AuthenticatedUserParameter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link dev.identity.login.AuthenticatedUser} handler parameters from the
 * session, as {@link AuthenticatedUserParameter} rules.
 */
final class AuthenticatedUserArgumentResolver implements HandlerMethodArgumentResolver {

	private final BrowserSession sessions;

	AuthenticatedUserArgumentResolver(BrowserSession sessions) {
		this.sessions = sessions;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return AuthenticatedUserParameter.supports(parameter);
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		return AuthenticatedUserParameter.resolve(parameter,
				(request != null) ? this.sessions.currentUser(request) : null);
	}

}
