package dev.identity.web.reactive;

import dev.identity.claims.ClaimsReader;
import dev.identity.web.internal.TokenParameter;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Resolves {@link dev.identity.core.ValidatedToken},
 * {@link dev.identity.claims.TokenClaims} and {@link dev.identity.web.Claim @Claim}
 * handler parameters from the exchange's bearer token, without blocking.
 */
final class TokenArgumentResolver implements HandlerMethodArgumentResolver {

	private final ExchangeTokens tokens;

	private final ClaimsReader claimsReader;

	TokenArgumentResolver(ExchangeTokens tokens, ClaimsReader claimsReader) {
		this.tokens = tokens;
		this.claimsReader = claimsReader;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return TokenParameter.supports(parameter);
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		TokenParameter tokenParameter = TokenParameter.of(parameter);
		// An empty Mono is how a null argument is resolved.
		return this.tokens.find(exchange)
			.flatMap((token) -> Mono.justOrEmpty(tokenParameter.resolve(token.orElse(null), this.claimsReader)));
	}

}
