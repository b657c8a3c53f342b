package dev.identity.web.reactive;

import java.util.List;

import dev.identity.claims.ClaimsReader;
import dev.identity.web.internal.HandlerRequirements;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Checks the {@link dev.identity.web.RequireRole @RequireRole},
 * {@link dev.identity.web.RequirePermission
 *
 * @RequirePermission} and {@link dev.identity.web.RequireScope @RequireScope}
 * requirements of a handler method, then hands the request to the adapter that would have
 * had it otherwise (Spring's {@code RequestMappingHandlerAdapter}).
 * <p>
 * WebFlux has no handler interceptors; an adapter ordered first is the place that knows
 * the handler and runs before its arguments are resolved. A failed check is answered by
 * the same exception handling as errors of the handler's own adapter.
 */
final class TokenRequirementsHandlerAdapter implements HandlerAdapter, Ordered {

	private final ExchangeTokens tokens;

	private final ClaimsReader claimsReader;

	private final ObjectProvider<HandlerAdapter> adapters;

	private volatile @Nullable List<HandlerAdapter> others;

	TokenRequirementsHandlerAdapter(ExchangeTokens tokens, ClaimsReader claimsReader,
			ObjectProvider<HandlerAdapter> adapters) {
		this.tokens = tokens;
		this.claimsReader = claimsReader;
		this.adapters = adapters;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public boolean supports(Object handler) {
		return handler instanceof HandlerMethod handlerMethod && !HandlerRequirements.of(handlerMethod).isEmpty()
				&& delegate(handler) != null;
	}

	@Override
	public Mono<HandlerResult> handle(ServerWebExchange exchange, Object handler) {
		HandlerRequirements requirements = HandlerRequirements.of((HandlerMethod) handler);
		HandlerAdapter delegate = delegate(handler);
		if (delegate == null) {
			return Mono.error(new IllegalStateException("No handler adapter for " + handler));
		}
		return this.tokens.find(exchange).flatMap((token) -> {
			requirements.check(token.orElse(null), this.claimsReader);
			return delegate.handle(exchange, handler);
		});
	}

	private @Nullable HandlerAdapter delegate(Object handler) {
		List<HandlerAdapter> others = this.others;
		if (others == null) {
			// Looked up on first use: the adapters are beans like this one, created along
			// with it.
			others = this.adapters.orderedStream().filter((adapter) -> adapter != this).toList();
			this.others = others;
		}
		for (HandlerAdapter adapter : others) {
			if (adapter.supports(handler)) {
				return adapter;
			}
		}
		return null;
	}

}
