package dev.identity.web.servlet;

import dev.identity.claims.ClaimsReader;
import dev.identity.web.internal.HandlerRequirements;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks the {@link dev.identity.web.RequireRole @RequireRole},
 * {@link dev.identity.web.RequirePermission
 *
 * @RequirePermission} and {@link dev.identity.web.RequireScope @RequireScope}
 * requirements of the handler method a request is mapped to, before the handler runs and
 * before its arguments are resolved. A CORS pre-flight request is mapped to a handler of
 * Spring's own, not to the method, so it passes without a token, as the Fetch standard
 * has it sent.
 */
final class TokenRequirementsInterceptor implements HandlerInterceptor {

	private final RequestTokens tokens;

	private final ClaimsReader claimsReader;

	TokenRequirementsInterceptor(RequestTokens tokens, ClaimsReader claimsReader) {
		this.tokens = tokens;
		this.claimsReader = claimsReader;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod handlerMethod)) {
			return true;
		}
		HandlerRequirements requirements = HandlerRequirements.of(handlerMethod);
		if (requirements.isEmpty()) {
			return true;
		}
		requirements.check(this.tokens.find(new ServletWebRequest(request, response)), this.claimsReader);
		return true;
	}

}
