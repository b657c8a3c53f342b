package dev.identity.client;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

import dev.identity.core.DiscoveryDocument;
import dev.identity.core.IdentityException;
import dev.identity.core.IntrospectionResult;
import dev.identity.core.KeySet;
import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import dev.identity.core.UserInfo;
import dev.identity.core.ValidatedToken;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.IdentityEngines;
import dev.identity.engine.internal.transport.HttpFetcher;
import dev.identity.engine.internal.transport.WebClientFetcher;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactive identity client: discovery, keys and token validation over Spring's
 * {@link WebClient}. Never blocks: a token whose key is cached is validated on the
 * subscribing thread without I/O; otherwise the fetch is composed, and shared with every
 * other caller of the same engine, and once it completes the token is verified on
 * Reactor's parallel scheduler, where the result is emitted.
 */
public final class ReactiveOAuthClient {

	private final IssuerScope issuers;

	private final IdentityEngine engine;

	private final HttpFetcher fetcher;

	private final Scheduler offload;

	/**
	 * Create a client.
	 * @param engine the shared engine of the issuer
	 * @param webClient the client to fetch provider documents with
	 * @param timeout the longest a provider request may take before it fails
	 */
	public ReactiveOAuthClient(IdentityEngine engine, WebClient webClient, Duration timeout) {
		this(engine, webClient, timeout, Schedulers.boundedElastic());
	}

	/**
	 * Create a client.
	 * @param engine the shared engine of the issuer
	 * @param webClient the client to fetch provider documents with
	 * @param timeout the longest a provider request may take before it fails
	 * @param offload where blocking {@link ClaimsValidator}s run when called from an
	 * event loop
	 */
	public ReactiveOAuthClient(IdentityEngine engine, WebClient webClient, Duration timeout, Scheduler offload) {
		this(IdentityEngines.of(engine), webClient, timeout, offload);
	}

	/**
	 * Create a client of every configured issuer: a token is validated by the engine of
	 * its issuer; token-endpoint calls, discovery and keys go to the first issuer
	 * declared, or to the one {@link #forIssuer(String)} names.
	 * @param engines the shared engines of the issuers
	 * @param webClient the client to fetch provider documents with
	 * @param timeout the longest a provider request may take before it fails
	 * @param offload where blocking {@link ClaimsValidator}s run when called from an
	 * event loop
	 */
	public ReactiveOAuthClient(IdentityEngines engines, WebClient webClient, Duration timeout, Scheduler offload) {
		this(IssuerScope.all(engines), new WebClientFetcher(webClient, timeout), offload);
	}

	private ReactiveOAuthClient(IssuerScope issuers, HttpFetcher fetcher, Scheduler offload) {
		this.issuers = issuers;
		this.engine = issuers.home();
		this.fetcher = fetcher;
		this.offload = offload;
	}

	/**
	 * This client for one of the configured issuers: its token endpoint, introspection,
	 * revocation, UserInfo, discovery and keys; it validates that issuer's tokens only.
	 * @param name the issuer's name under {@code identity.issuers} ({@code default} for
	 * {@code identity.issuer-uri})
	 * @return the client of that issuer, sharing this one's engines and transport
	 * @throws IllegalArgumentException naming the configured issuers when none has that
	 * name
	 */
	public ReactiveOAuthClient forIssuer(String name) {
		return new ReactiveOAuthClient(this.issuers.named(name), this.fetcher, this.offload);
	}

	/** The engine of this client's token-endpoint calls (its first or named issuer). */
	IdentityEngine engine() {
		return this.engine;
	}

	HttpFetcher fetcher() {
		return this.fetcher;
	}

	Scheduler offload() {
		return this.offload;
	}

	/**
	 * The provider's discovery document, from cache or fetched.
	 * @return the document
	 */
	public Mono<DiscoveryDocument> discovery() {
		return Mono.fromFuture(() -> this.engine.discovery(this.fetcher), true);
	}

	/**
	 * The provider's signing keys, from cache or fetched.
	 * @return the key set
	 */
	public Mono<KeySet> keys() {
		return Mono.fromFuture(() -> this.engine.keys(this.fetcher), true);
	}

	/**
	 * Validate a token: signature, algorithm, type, issuer, audience, times and required
	 * claims.
	 * @param token the compact JWS (without the {@code Bearer } prefix)
	 * @return the validated token, or an error
	 * {@link dev.identity.core.InvalidTokenException} or
	 * {@link dev.identity.core.IdentityProviderException}
	 */
	public Mono<ValidatedToken> validate(@Nullable String token) {
		return Mono.defer(() -> {
			IdentityEngine issuer;
			try {
				issuer = this.issuers.forToken(token);
				ValidatedToken cached = issuer.validateIfCached(token, this.fetcher);
				if (cached != null) {
					return Mono.just(cached);
				}
			}
			catch (IdentityException ex) {
				return Mono.error(ex);
			}
			// The future is this call's own (a fetch others share is never cancelled
			// through it), so a
			// subscriber that cancels also drops its verification still queued on the
			// parallel scheduler.
			return Mono.fromFuture(() -> issuer.validate(token, this.fetcher, ReactiveOAuthClient::verifyInParallel),
					false);
		});
	}

	/**
	 * Validate a token, then compose a reactive application rule.
	 * @param token the compact JWS
	 * @param validator the rule
	 * @return the validated token
	 */
	// A typed validator picks its overload; a bare lambda needs a cast naming its model.
	@SuppressWarnings("overloads")
	public Mono<ValidatedToken> validate(@Nullable String token, ReactiveClaimsValidator validator) {
		return validate(token).flatMap((validated) -> Callbacks.runReactive(validated, validator));
	}

	/**
	 * Validate a token, then apply a blocking application rule, off the event loop when
	 * called on one.
	 * @param token the compact JWS
	 * @param validator the rule
	 * @return the validated token
	 */
	// A typed validator picks its overload; a bare lambda needs a cast naming its model.
	@SuppressWarnings("overloads")
	public Mono<ValidatedToken> validate(@Nullable String token, ClaimsValidator validator) {
		return validate(token).flatMap((validated) -> Callbacks.runReactive(validated, validator, this.offload));
	}

	/**
	 * A client-credentials token for the configured scopes ({@code identity.scopes}),
	 * from cache until it is due for renewal.
	 * @return the token response
	 */
	public Mono<TokenResponse> clientCredentials() {
		return clientCredentials(this.engine.getSettings().tokens().defaultRequest());
	}

	/**
	 * A client-credentials token for a request, from cache until it is due for renewal;
	 * concurrent callers share one token request.
	 * @param request the request
	 * @return the token response
	 */
	public Mono<TokenResponse> clientCredentials(TokenRequest.ClientCredentials request) {
		return Mono.defer(() -> {
			TokenResponse cached = this.engine.cachedClientCredentials(request);
			return (cached != null) ? Mono.just(cached)
					: Mono.fromFuture(() -> this.engine.clientCredentials(request, this.fetcher), true);
		});
	}

	/**
	 * Send a token request of any grant (never cached).
	 * @param request the request
	 * @return the token response
	 */
	public Mono<TokenResponse> requestToken(TokenRequest request) {
		return Mono.fromFuture(() -> this.engine.requestToken(request, this.fetcher), true);
	}

	/**
	 * Refresh tokens (RFC 6749 §6).
	 * @param refreshToken the refresh token
	 * @return the token response
	 */
	public Mono<TokenResponse> refresh(String refreshToken) {
		return requestToken(TokenRequest.RefreshToken.of(refreshToken));
	}

	/**
	 * Introspect a token (RFC 7662); a recent result is reused within
	 * {@code identity.introspection.cache-ttl}.
	 * @param token the token
	 * @return the result
	 */
	public Mono<IntrospectionResult> introspect(String token) {
		return Mono.fromFuture(() -> this.engine.introspect(token, null, this.fetcher), true);
	}

	/**
	 * Revoke a token (RFC 7009).
	 * @param token the access or refresh token
	 * @param tokenTypeHint {@code access_token}, {@code refresh_token} or {@code null}
	 * @return completes when the provider confirmed
	 */
	public Mono<Void> revoke(String token, @Nullable String tokenTypeHint) {
		return Mono.fromFuture(() -> this.engine.revoke(token, tokenTypeHint, this.fetcher), true);
	}

	/**
	 * Read the UserInfo endpoint.
	 * @param accessToken an access token with the {@code openid} scope
	 * @param expectedSubject the ID token's {@code sub}, checked against the response
	 * when given
	 * @return the user's claims
	 */
	public Mono<UserInfo> userInfo(String accessToken, @Nullable String expectedSubject) {
		return Mono.fromFuture(() -> this.engine.userInfo(accessToken, expectedSubject, this.fetcher), true);
	}

	/**
	 * Where a validation goes on after a fetch it shared: on Reactor's parallel
	 * scheduler, so that the tokens that waited for a key set are verified on every core,
	 * not one after the other on the event loop that received it. While the scheduler is
	 * shut down, on the completing thread.
	 */
	private static void verifyInParallel(Runnable continuation) {
		try {
			Schedulers.parallel().schedule(continuation);
		}
		catch (RejectedExecutionException ex) {
			continuation.run();
		}
	}

	@Override
	public String toString() {
		return "ReactiveOAuthClient[" + this.issuers + "]";
	}

}
