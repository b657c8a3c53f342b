package dev.identity.browser.reactive;

import java.util.Optional;

import dev.identity.browser.LoginRequiredException;
import dev.identity.login.AuthenticatedUser;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Resolves {@link AuthenticatedUser} handler parameters from the {@code WebSession}. A
 * {@code @Nullable} one receives {@code null} and an {@code Optional} one an empty value
 * when nobody is logged in; any other signals {@link LoginRequiredException}.
 */
final class ReactiveAuthenticatedUserArgumentResolver implements HandlerMethodArgumentResolver {

	private final ReactiveBrowserSession sessions;

	ReactiveAuthenticatedUserArgumentResolver(ReactiveBrowserSession sessions) {
		this.sessions = sessions;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.nestedIfOptional().getNestedParameterType() == AuthenticatedUser.class;
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		Mono<AuthenticatedUser> user = this.sessions.currentUser(exchange);
		if (parameter.getParameterType() == Optional.class) {
			return user.map(Optional::of).defaultIfEmpty(Optional.empty()).cast(Object.class);
		}
		// An empty result becomes a null argument.
		return parameter.isOptional() ? user.cast(Object.class)
				: user.cast(Object.class).switchIfEmpty(Mono.error(LoginRequiredException::new));
	}

}
