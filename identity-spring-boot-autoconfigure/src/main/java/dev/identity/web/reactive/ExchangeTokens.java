package dev.identity.web.reactive;

import java.util.Optional;

import dev.identity.client.ReactiveOAuthClient;
import dev.identity.core.ValidatedToken;
import dev.identity.web.BearerTokenAccessException;
import dev.identity.web.internal.ValidatedTokenRequests;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The validated bearer token of an exchange, validated on first need. The validation
 * itself is kept as an exchange attribute: the arguments of a handler are resolved
 * concurrently, and they all share one validation, and its outcome, whether it has
 * finished or not.
 */
final class ExchangeTokens {

	private static final String VALIDATION_ATTRIBUTE = ExchangeTokens.class.getName() + ".validation";

	private final ReactiveOAuthClient client;

	ExchangeTokens(ReactiveOAuthClient client) {
		this.client = client;
	}

	/**
	 * The exchange's validated token.
	 * @param exchange the exchange
	 * @return the token, empty when the request carries none, or an error
	 * {@link BearerTokenAccessException} when the token is invalid (401) or the provider
	 * failed (503)
	 */
	Mono<Optional<ValidatedToken>> find(ServerWebExchange exchange) {
		Object kept = exchange.getAttributes().computeIfAbsent(VALIDATION_ATTRIBUTE, (name) -> validation(exchange));
		@SuppressWarnings("unchecked")
		Mono<Optional<ValidatedToken>> validation = (Mono<Optional<ValidatedToken>>) kept;
		return validation;
	}

	private Mono<Optional<ValidatedToken>> validation(ServerWebExchange exchange) {
		return Mono.defer(() -> {
			if (exchange
				.getAttribute(ValidatedTokenRequests.VALIDATED_TOKEN_ATTRIBUTE) instanceof ValidatedToken kept) {
				return Mono.just(Optional.of(kept));
			}
			String token = ValidatedTokenRequests
				.bearerToken(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
			if (token == null) {
				return Mono.just(Optional.<ValidatedToken>empty());
			}
			return this.client.validate(token)
				.onErrorMap(RuntimeException.class, BearerTokenAccessException::translate)
				.doOnNext((validated) -> exchange.getAttributes()
					.put(ValidatedTokenRequests.VALIDATED_TOKEN_ATTRIBUTE, validated))
				.map(Optional::of);
		}).cache();
	}

}
