package dev.identity.browser.reactive;

import java.util.Optional;

import dev.identity.browser.internal.AuthenticatedUserParameter;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Resolves {@link dev.identity.login.AuthenticatedUser} handler parameters from the
 * {@code WebSession}, as {@link AuthenticatedUserParameter} rules, without blocking.
 */
final class ReactiveAuthenticatedUserArgumentResolver implements HandlerMethodArgumentResolver {

	private final ReactiveBrowserSession sessions;

	ReactiveAuthenticatedUserArgumentResolver(ReactiveBrowserSession sessions) {
		this.sessions = sessions;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return AuthenticatedUserParameter.supports(parameter);
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		// An empty Mono is how a null argument is resolved.
		return this.sessions.currentUser(exchange)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((user) -> Mono.justOrEmpty(AuthenticatedUserParameter.resolve(parameter, user.orElse(null))));
	}

}
