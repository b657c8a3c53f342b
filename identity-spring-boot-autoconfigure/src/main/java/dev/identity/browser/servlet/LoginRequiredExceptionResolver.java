package dev.identity.browser.servlet;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;

import dev.identity.browser.LoginRequiredException;
import dev.identity.browser.internal.BrowserLoginFlow;
import dev.identity.browser.internal.LoginNegotiation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers {@link LoginRequiredException} as {@link LoginNegotiation#loginRedirect}
 * decides: a redirect to the login that comes back to this page, or {@code 401}. It runs
 * after the application's {@code @ExceptionHandler} methods, which may answer otherwise.
 */
final class LoginRequiredExceptionResolver implements HandlerExceptionResolver {

	private final BrowserLoginFlow flow;

	LoginRequiredExceptionResolver(BrowserLoginFlow flow) {
		this.flow = flow;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (!(ex instanceof LoginRequiredException)) {
			return null;
		}
		URI login = this.flow.negotiation()
			.loginRedirect(request.getMethod(), Collections.list(request.getHeaders(HttpHeaders.ACCEPT)),
					ServletRequests.path(request), request.getQueryString(), ServletRequests.application(request));
		try {
			if (login != null) {
				response.sendRedirect(login.toString());
			}
			else {
				response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			}
		}
		catch (IOException failure) {
			// The client went away; nothing left to answer.
		}
		return new ModelAndView();
	}

}
