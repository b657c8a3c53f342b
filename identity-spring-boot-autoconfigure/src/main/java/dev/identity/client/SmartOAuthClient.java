package dev.identity.client;

import dev.identity.core.DiscoveryDocument;
import dev.identity.core.IntrospectionResult;
import dev.identity.core.KeySet;
import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import dev.identity.core.UserInfo;
import dev.identity.core.ValidatedToken;
import dev.identity.engine.internal.IdentityEngine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Identity client that is safe from blocking and from reactive code: blocking methods and
 * {@code ...Async} twins returning {@link Mono}, over one {@link OAuthClient} and one
 * {@link ReactiveOAuthClient} that share an engine. It wraps them rather than extending
 * either, so each type keeps one contract.
 * <p>
 * Context detection is a guard, not a switch. A blocking method answers from cache on any
 * thread; when it needs I/O or must wait for a callback on an event-loop thread it fails
 * fast with an {@link EventLoopBlockingException} naming the {@code ...Async} method (or,
 * under {@link EventLoopPolicy#WARN}, logs and blocks through the blocking transport).
 * Callbacks run by the execution matrix: blocking ones are offloaded from event loops,
 * reactive ones always run to completion.
 */
public final class SmartOAuthClient {

	private static final Log logger = LogFactory.getLog(SmartOAuthClient.class);

	private final OAuthClient blocking;

	private final ReactiveOAuthClient reactive;

	private final EventLoopPolicy policy;

	private final OutgoingTokenGuard outgoingTokenGuard = new OutgoingTokenGuard();

	/**
	 * Create a client.
	 * @param blocking the blocking flavor
	 * @param reactive the reactive flavor, on the same engine
	 * @param policy what blocking methods do on an event loop when they cannot answer
	 * from cache
	 */
	public SmartOAuthClient(OAuthClient blocking, ReactiveOAuthClient reactive, EventLoopPolicy policy) {
		if (blocking.engine() != reactive.engine()) {
			throw new IllegalArgumentException("the blocking and reactive clients must share one engine");
		}
		this.blocking = blocking;
		this.reactive = reactive;
		this.policy = policy;
	}

	/**
	 * This client for one of the configured issuers: its token endpoint, introspection,
	 * revocation, UserInfo, discovery and keys; it validates that issuer's tokens only.
	 * @param name the issuer's name under {@code identity.issuers} ({@code default} for
	 * {@code identity.issuer-uri})
	 * @return the client of that issuer, sharing this one's engines and transports
	 * @throws IllegalArgumentException naming the configured issuers when none has that
	 * name
	 */
	public SmartOAuthClient forIssuer(String name) {
		return new SmartOAuthClient(this.blocking.forIssuer(name), this.reactive.forIssuer(name), this.policy);
	}

	/**
	 * The rules of outgoing calls with a client-credentials token, one for every
	 * customizer of this client.
	 */
	OutgoingTokenGuard outgoingTokenGuard() {
		return this.outgoingTokenGuard;
	}

	/** The engine behind this client (shared with the other clients of the issuer). */
	IdentityEngine engine() {
		return this.blocking.engine();
	}

	/**
	 * The discovery document; on an event loop only from cache.
	 * @return the document
	 * @throws EventLoopBlockingException when it must be fetched on an event loop
	 */
	public DiscoveryDocument discovery() {
		DiscoveryDocument cached = engine().cachedDiscovery();
		if (cached != null) {
			return cached;
		}
		guard("discovery()", "discoveryAsync()", "to fetch the discovery document");
		return this.blocking.discovery();
	}

	/** The discovery document, without blocking. */
	public Mono<DiscoveryDocument> discoveryAsync() {
		return this.reactive.discovery();
	}

	/**
	 * The signing keys; on an event loop only from cache.
	 * @return the key set
	 * @throws EventLoopBlockingException when they must be fetched on an event loop
	 */
	public KeySet keys() {
		KeySet cached = engine().cachedKeys();
		if (cached != null) {
			return cached;
		}
		guard("keys()", "keysAsync()", "to fetch the JWK set");
		return this.blocking.keys();
	}

	/** The signing keys, without blocking. */
	public Mono<KeySet> keysAsync() {
		return this.reactive.keys();
	}

	/**
	 * Validate a token; on an event loop only when no I/O is needed.
	 * @param token the compact JWS
	 * @return the validated token
	 * @throws EventLoopBlockingException when discovery or keys must be fetched on an
	 * event loop
	 */
	public ValidatedToken validate(@Nullable String token) {
		ValidatedToken cached = this.blocking.validateIfCached(token);
		if (cached != null) {
			return cached;
		}
		guard("validate(String)", "validateAsync(String)", "to fetch discovery or keys");
		return this.blocking.validate(token);
	}

	/**
	 * Validate a token and run a blocking rule on the calling thread. On an event loop
	 * this is refused: the rule is declared blocking.
	 * @param token the compact JWS
	 * @param validator the rule
	 * @return the validated token
	 */
	// A typed validator picks its overload; a bare lambda needs a cast naming its model.
	@SuppressWarnings("overloads")
	public ValidatedToken validate(@Nullable String token, ClaimsValidator validator) {
		ValidatedToken validated = validate(token);
		guard("validate(String, ClaimsValidator)", "validateAsync(String, ClaimsValidator)",
				"to run a blocking ClaimsValidator");
		return Callbacks.runBlocking(validated, validator);
	}

	/**
	 * Validate a token and wait for a reactive rule. On an event loop this is always
	 * refused: waiting there could deadlock the loop the rule needs.
	 * @param token the compact JWS
	 * @param validator the rule
	 * @return the validated token
	 */
	// A typed validator picks its overload; a bare lambda needs a cast naming its model.
	@SuppressWarnings("overloads")
	public ValidatedToken validate(@Nullable String token, ReactiveClaimsValidator validator) {
		return Callbacks.runBlocking(validate(token), validator,
				"SmartOAuthClient.validate(String, ReactiveClaimsValidator)",
				"SmartOAuthClient.validateAsync(String, ReactiveClaimsValidator)");
	}

	/** Validate a token without blocking. */
	public Mono<ValidatedToken> validateAsync(@Nullable String token) {
		return this.reactive.validate(token);
	}

	/** Validate a token and compose a reactive rule. */
	// A typed validator picks its overload; a bare lambda needs a cast naming its model.
	@SuppressWarnings("overloads")
	public Mono<ValidatedToken> validateAsync(@Nullable String token, ReactiveClaimsValidator validator) {
		return this.reactive.validate(token, validator);
	}

	/** Validate a token and run a blocking rule, offloaded when on an event loop. */
	// A typed validator picks its overload; a bare lambda needs a cast naming its model.
	@SuppressWarnings("overloads")
	public Mono<ValidatedToken> validateAsync(@Nullable String token, ClaimsValidator validator) {
		return this.reactive.validate(token, validator);
	}

	/**
	 * The client-credentials request the {@code identity.*} properties describe (client
	 * id, scopes, audience, resource), as {@link #clientCredentials()} sends it.
	 * @return the request
	 */
	public TokenRequest.ClientCredentials getDefaultClientCredentialsRequest() {
		return engine().getSettings().tokens().defaultRequest();
	}

	/**
	 * Forget a cached client-credentials token that a resource server refused, so that
	 * the next request fetches a new one. Only the refused token is forgotten: when
	 * another caller already renewed it, the newer token stays.
	 * @param request the request the token was issued for
	 * @param refusedAccessToken the access token the resource server refused
	 */
	public void evictClientCredentials(TokenRequest.ClientCredentials request, String refusedAccessToken) {
		engine().evictClientCredentials(request, refusedAccessToken);
	}

	/**
	 * The cached client-credentials token for the request, without a request to the
	 * provider.
	 * @param request the request
	 * @return the cached token, or {@code null} when none is cached or it is due for
	 * renewal
	 */
	public @Nullable TokenResponse cachedClientCredentials(TokenRequest.ClientCredentials request) {
		return engine().cachedClientCredentials(request);
	}

	/**
	 * A client-credentials token for the configured scopes; on an event loop only from
	 * cache.
	 * @return the token response
	 */
	public TokenResponse clientCredentials() {
		return clientCredentials(getDefaultClientCredentialsRequest());
	}

	/**
	 * A client-credentials token for a request; on an event loop only from cache.
	 * @param request the request
	 * @return the token response
	 * @throws EventLoopBlockingException when a token request is needed on an event loop
	 */
	public TokenResponse clientCredentials(TokenRequest.ClientCredentials request) {
		TokenResponse cached = engine().cachedClientCredentials(request);
		if (cached != null) {
			return cached;
		}
		guard("clientCredentials(...)", "clientCredentialsAsync(...)", "to request a token");
		return this.blocking.clientCredentials(request);
	}

	/** A client-credentials token for the configured scopes, without blocking. */
	public Mono<TokenResponse> clientCredentialsAsync() {
		return this.reactive.clientCredentials();
	}

	/** A client-credentials token for a request, without blocking. */
	public Mono<TokenResponse> clientCredentialsAsync(TokenRequest.ClientCredentials request) {
		return this.reactive.clientCredentials(request);
	}

	/**
	 * Send a token request of any grant.
	 * @param request the request
	 * @return the token response
	 * @throws EventLoopBlockingException on an event loop
	 */
	public TokenResponse requestToken(TokenRequest request) {
		guard("requestToken(TokenRequest)", "requestTokenAsync(TokenRequest)", "to call the token endpoint");
		return this.blocking.requestToken(request);
	}

	/** Send a token request of any grant, without blocking. */
	public Mono<TokenResponse> requestTokenAsync(TokenRequest request) {
		return this.reactive.requestToken(request);
	}

	/**
	 * Refresh tokens (RFC 6749 §6).
	 * @param refreshToken the refresh token
	 * @return the token response
	 * @throws EventLoopBlockingException on an event loop
	 */
	public TokenResponse refresh(String refreshToken) {
		guard("refresh(String)", "refreshAsync(String)", "to call the token endpoint");
		return this.blocking.refresh(refreshToken);
	}

	/** Refresh tokens without blocking. */
	public Mono<TokenResponse> refreshAsync(String refreshToken) {
		return this.reactive.refresh(refreshToken);
	}

	/**
	 * Introspect a token; on an event loop only from the introspection cache.
	 * @param token the token
	 * @return the result
	 */
	public IntrospectionResult introspect(String token) {
		IntrospectionResult cached = engine().cachedIntrospection(token);
		if (cached != null) {
			return cached;
		}
		guard("introspect(String)", "introspectAsync(String)", "to call the introspection endpoint");
		return this.blocking.introspect(token);
	}

	/** Introspect a token without blocking. */
	public Mono<IntrospectionResult> introspectAsync(String token) {
		return this.reactive.introspect(token);
	}

	/**
	 * Revoke a token.
	 * @param token the token
	 * @param tokenTypeHint {@code access_token}, {@code refresh_token} or {@code null}
	 */
	public void revoke(String token, @Nullable String tokenTypeHint) {
		guard("revoke(String, String)", "revokeAsync(String, String)", "to call the revocation endpoint");
		this.blocking.revoke(token, tokenTypeHint);
	}

	/** Revoke a token without blocking. */
	public Mono<Void> revokeAsync(String token, @Nullable String tokenTypeHint) {
		return this.reactive.revoke(token, tokenTypeHint);
	}

	/**
	 * Read the UserInfo endpoint.
	 * @param accessToken the access token
	 * @param expectedSubject the ID token's {@code sub}, or {@code null}
	 * @return the claims
	 */
	public UserInfo userInfo(String accessToken, @Nullable String expectedSubject) {
		guard("userInfo(String, String)", "userInfoAsync(String, String)", "to call the userinfo endpoint");
		return this.blocking.userInfo(accessToken, expectedSubject);
	}

	/** Read the UserInfo endpoint without blocking. */
	public Mono<UserInfo> userInfoAsync(String accessToken, @Nullable String expectedSubject) {
		return this.reactive.userInfo(accessToken, expectedSubject);
	}

	private void guard(String method, String asyncMethod, String why) {
		if (!Callbacks.onEventLoop()) {
			return;
		}
		String message = "SmartOAuthClient." + method + " would block " + why + " on the event-loop thread '"
				+ Thread.currentThread().getName() + "'; call SmartOAuthClient." + asyncMethod
				+ " and compose the returned Mono (identity.smart.event-loop-policy=warn blocks anyway, for migrations)";
		if (this.policy == EventLoopPolicy.FAIL) {
			throw new EventLoopBlockingException(message);
		}
		logger.warn(message);
	}

	@Override
	public String toString() {
		return "SmartOAuthClient[" + this.blocking + ", policy=" + this.policy + "]";
	}

}
