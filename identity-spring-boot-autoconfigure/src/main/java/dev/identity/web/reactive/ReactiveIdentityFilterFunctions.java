package dev.identity.web.reactive;

import dev.identity.claims.ClaimsReader;
import dev.identity.claims.TokenClaims;
import dev.identity.core.ValidatedToken;
import dev.identity.web.BearerTokenAccessException;
import dev.identity.web.BearerTokenAccessExceptionHandler;
import dev.identity.web.internal.HandlerRequirements;
import dev.identity.web.internal.RouteFilters;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Bearer tokens on WebFlux functional routes ({@code RouterFunction<ServerResponse>}):
 * filter functions that require a valid token, a role, a permission or a scope, and the
 * validated token for the handler, without blocking. They check and answer as the
 * annotations do on controllers: 401 {@code invalid_token} without a valid token, 403
 * {@code insufficient_scope} without the privilege (RFC 6750 §3.1), 503 when the provider
 * cannot be reached, each rendered by the application's
 * {@link BearerTokenAccessExceptionHandler}. <pre>
 * &#64;Bean
 * RouterFunction&lt;ServerResponse&gt; orders(ReactiveIdentityFilterFunctions identity) {
 *     return route()
 *         .GET("/orders", (request) -&gt; identity.token(request)
 *             .flatMap((token) -&gt; ok().bodyValue(orders.of(token.getSubject()))))
 *         .filter(identity.hasPermission("orders:read"))
 *         .build();
 * }
 * </pre> A bean of the auto-configuration, which exists only with an issuer: there is no
 * way to build one that enforces nothing.
 */
public final class ReactiveIdentityFilterFunctions {

	private final ExchangeTokens tokens;

	private final ClaimsReader claimsReader;

	private final BearerTokenAccessExceptionHandler answers;

	private final RouteFilters<HandlerFilterFunction<ServerResponse, ServerResponse>> filters = new RouteFilters<>(
			this::filter);

	ReactiveIdentityFilterFunctions(ExchangeTokens tokens, ClaimsReader claimsReader,
			BearerTokenAccessExceptionHandler answers) {
		this.tokens = tokens;
		this.claimsReader = claimsReader;
		this.answers = answers;
	}

	/**
	 * A filter that lets only requests with a valid bearer token through.
	 * @return the filter
	 */
	public HandlerFilterFunction<ServerResponse, ServerResponse> authenticated() {
		return this.filters.authenticated();
	}

	/**
	 * A filter that lets through requests whose valid token has one of the roles.
	 * @param anyOf the roles, at least one
	 * @return the filter
	 * @throws IllegalArgumentException when none is given or one is blank
	 */
	public HandlerFilterFunction<ServerResponse, ServerResponse> hasRole(String... anyOf) {
		return this.filters.hasRole(anyOf);
	}

	/**
	 * A filter that lets through requests whose valid token has one of the permissions.
	 * @param anyOf the permissions, at least one
	 * @return the filter
	 * @throws IllegalArgumentException when none is given or one is blank
	 */
	public HandlerFilterFunction<ServerResponse, ServerResponse> hasPermission(String... anyOf) {
		return this.filters.hasPermission(anyOf);
	}

	/**
	 * A filter that lets through requests whose valid token has one of the scopes.
	 * @param anyOf the scopes, at least one
	 * @return the filter
	 * @throws IllegalArgumentException when none is given or one is blank
	 */
	public HandlerFilterFunction<ServerResponse, ServerResponse> hasScope(String... anyOf) {
		return this.filters.hasScope(anyOf);
	}

	/**
	 * The request's validated token, validated once per exchange whether a filter asked
	 * first or not. A handler behind one of these filters gets the token the filter
	 * validated.
	 * @param request the request
	 * @return the token, or an error {@link BearerTokenAccessException} when the request
	 * has no token (401), an invalid one (401), or the provider failed (503); the filters
	 * answer it
	 */
	public Mono<ValidatedToken> token(ServerRequest request) {
		return this.tokens.find(request.exchange()).map((token) -> RouteFilters.required(token.orElse(null)));
	}

	/**
	 * The roles, permissions, scopes and flags of the request's validated token.
	 * @param request the request
	 * @return the claims, or an error as {@link #token(ServerRequest)}
	 */
	public Mono<TokenClaims> claims(ServerRequest request) {
		return token(request).map(this.claimsReader::read);
	}

	private HandlerFilterFunction<ServerResponse, ServerResponse> filter(HandlerRequirements requirements) {
		return (request, next) -> this.tokens.find(request.exchange()).flatMap((token) -> {
			requirements.check(token.orElse(null), this.claimsReader);
			return next.handle(request);
		})
			// A handler that reads the token through this bean is answered alike.
			.onErrorResume(BearerTokenAccessException.class, this::answer);
	}

	private Mono<ServerResponse> answer(BearerTokenAccessException exception) {
		ResponseEntity<byte[]> answer = this.answers.handle(exception);
		ServerResponse.BodyBuilder response = ServerResponse.status(answer.getStatusCode())
			.headers((headers) -> headers.addAll(answer.getHeaders()));
		byte[] body = answer.getBody();
		return (body != null) ? response.bodyValue(body) : response.build();
	}

}
