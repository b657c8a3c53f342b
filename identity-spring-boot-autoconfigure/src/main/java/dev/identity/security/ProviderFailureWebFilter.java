package dev.identity.security;

import dev.identity.core.IdentityProviderException;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers 503 when the identity provider's failure escapes Spring Security's WebFlux
 * filter chain, the reactive twin of {@link ProviderFailureFilter}: a reactive decoder or
 * authorities converter that cannot reach the provider ends in an
 * {@code AuthenticationServiceException}, which Spring Security's failure handler signals
 * on, and which would become a 500. Ordered just before Spring Security's
 * {@code WebFilterChainProxy} (-100). Any other error, a provider failure the
 * application's own code let escape included, passes on untouched to the application's
 * error handling. Never blocks.
 */
final class ProviderFailureWebFilter implements WebFilter, Ordered {

	/**
	 * Just before Spring Security's
	 * {@code WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER}.
	 */
	static final int ORDER = -101;

	private final ProviderFailures failures;

	ProviderFailureWebFilter(ProviderFailures failures) {
		this.failures = failures;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).onErrorResume((ex) -> {
			IdentityProviderException provider = ProviderFailures.cause(ex);
			if (provider == null || exchange.getResponse().isCommitted()) {
				return Mono.error(ex);
			}
			return answer(exchange, provider);
		});
	}

	private Mono<Void> answer(ServerWebExchange exchange, IdentityProviderException provider) {
		ResponseEntity<byte[]> answer = this.failures
			.answer(exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value(), provider);
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(answer.getStatusCode());
		response.getHeaders().putAll(answer.getHeaders());
		byte[] body = answer.getBody();
		return (body != null) ? response.writeWith(Mono.just(response.bufferFactory().wrap(body)))
				: response.setComplete();
	}

}
