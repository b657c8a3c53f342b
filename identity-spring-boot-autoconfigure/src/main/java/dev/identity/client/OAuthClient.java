package dev.identity.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.identity.core.DiscoveryDocument;
import dev.identity.core.IntrospectionResult;
import dev.identity.core.KeySet;
import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import dev.identity.core.UserInfo;
import dev.identity.core.ValidatedToken;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.IdentityEngines;
import dev.identity.engine.internal.transport.HttpFetcher;
import dev.identity.engine.internal.transport.RestClientFetcher;
import org.jspecify.annotations.Nullable;
import org.springframework.web.client.RestClient;

/**
 * Blocking identity client: discovery, keys and token validation over Spring's
 * {@link RestClient}. Safe on platform and virtual threads; do not call it on an event
 * loop (use {@link ReactiveOAuthClient} or {@link SmartOAuthClient} there).
 * <p>
 * A token whose key is cached is validated on the calling thread without I/O. Otherwise
 * the missing document is fetched once, however many threads (of any client of the same
 * engine) ask at the same time.
 */
public final class OAuthClient {

	private final IssuerScope issuers;

	private final IdentityEngine engine;

	private final HttpFetcher fetcher;

	/**
	 * Create a client of one issuer.
	 * @param engine the shared engine of the issuer
	 * @param restClient the client to fetch provider documents with
	 */
	public OAuthClient(IdentityEngine engine, RestClient restClient) {
		this(IdentityEngines.of(engine), restClient);
	}

	/**
	 * Create a client of every configured issuer: a token is validated by the engine of
	 * its issuer; token-endpoint calls, discovery and keys go to the first issuer
	 * declared, or to the one {@link #forIssuer(String)} names.
	 * @param engines the shared engines of the issuers
	 * @param restClient the client to fetch provider documents with
	 */
	public OAuthClient(IdentityEngines engines, RestClient restClient) {
		this(IssuerScope.all(engines),
				new RestClientFetcher(restClient, engines.primary().getSettings().fetches().deadline()));
	}

	private OAuthClient(IssuerScope issuers, HttpFetcher fetcher) {
		this.issuers = issuers;
		this.engine = issuers.home();
		this.fetcher = fetcher;
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
	public OAuthClient forIssuer(String name) {
		return new OAuthClient(this.issuers.named(name), this.fetcher);
	}

	/** The engine of this client's token-endpoint calls (its first or named issuer). */
	IdentityEngine engine() {
		return this.engine;
	}

	/** The earlier verdict on a token, from the engine of its issuer, or {@code null}. */
	@Nullable ValidatedToken validateIfCached(@Nullable String token) {
		return this.issuers.forToken(token).validateIfCached(token, this.fetcher);
	}

	HttpFetcher fetcher() {
		return this.fetcher;
	}

	/**
	 * The provider's discovery document, from cache or fetched.
	 * @return the document
	 * @throws dev.identity.core.IdentityProviderException when it cannot be fetched or
	 * breaks policy
	 */
	public DiscoveryDocument discovery() {
		return join(this.engine.discovery(this.fetcher));
	}

	/**
	 * The provider's signing keys, from cache or fetched.
	 * @return the key set
	 * @throws dev.identity.core.IdentityProviderException when they cannot be fetched
	 */
	public KeySet keys() {
		return join(this.engine.keys(this.fetcher));
	}

	/**
	 * Validate a token: signature, algorithm, type, issuer, audience, times and required
	 * claims.
	 * @param token the compact JWS (without the {@code Bearer } prefix)
	 * @return the validated token
	 * @throws dev.identity.core.InvalidTokenException listing every failed check
	 * @throws dev.identity.core.IdentityProviderException when discovery or keys cannot
	 * be had
	 */
	public ValidatedToken validate(@Nullable String token) {
		IdentityEngine issuer = this.issuers.forToken(token);
		ValidatedToken cached = issuer.validateIfCached(token, this.fetcher);
		if (cached != null) {
			return cached;
		}
		// After a fetch shared with other callers, this token is verified on this thread.
		WaitingCallerExecutor continuations = new WaitingCallerExecutor();
		return continuations.join(issuer.validate(token, this.fetcher, continuations));
	}

	/**
	 * Validate a token, then apply an application rule on the calling thread.
	 * @param token the compact JWS
	 * @param validator the rule
	 * @return the validated token
	 */
	// A typed validator picks its overload; a bare lambda needs a cast naming its model.
	@SuppressWarnings("overloads")
	public ValidatedToken validate(@Nullable String token, ClaimsValidator validator) {
		return Callbacks.runBlocking(validate(token), validator);
	}

	/**
	 * Validate a token, then apply a reactive application rule, waiting for it to
	 * complete.
	 * @param token the compact JWS
	 * @param validator the rule
	 * @return the validated token
	 * @throws EventLoopBlockingException when called on an event loop, where waiting is
	 * not allowed
	 */
	// A typed validator picks its overload; a bare lambda needs a cast naming its model.
	@SuppressWarnings("overloads")
	public ValidatedToken validate(@Nullable String token, ReactiveClaimsValidator validator) {
		return Callbacks.runBlocking(validate(token), validator,
				"OAuthClient.validate(String, ReactiveClaimsValidator)",
				"ReactiveOAuthClient.validate(String, ReactiveClaimsValidator)");
	}

	/**
	 * A client-credentials token for the configured scopes ({@code identity.scopes}),
	 * from cache until it is due for renewal.
	 * @return the token response
	 * @throws dev.identity.core.OAuthErrorException when the provider refuses it
	 */
	public TokenResponse clientCredentials() {
		return clientCredentials(this.engine.getSettings().tokens().defaultRequest());
	}

	/**
	 * A client-credentials token for a request, from cache until it is due for renewal;
	 * concurrent callers share one token request.
	 * @param request the request (scopes, resources, audiences, parameters)
	 * @return the token response
	 */
	public TokenResponse clientCredentials(TokenRequest.ClientCredentials request) {
		TokenResponse cached = this.engine.cachedClientCredentials(request);
		return (cached != null) ? cached : join(this.engine.clientCredentials(request, this.fetcher));
	}

	/**
	 * Send a token request of any grant (never cached).
	 * @param request the request
	 * @return the token response
	 * @throws dev.identity.core.OAuthErrorException when the provider answers an OAuth
	 * error
	 */
	public TokenResponse requestToken(TokenRequest request) {
		return join(this.engine.requestToken(request, this.fetcher));
	}

	/**
	 * Refresh tokens (RFC 6749 §6).
	 * @param refreshToken the refresh token
	 * @return the token response
	 */
	public TokenResponse refresh(String refreshToken) {
		return requestToken(TokenRequest.RefreshToken.of(refreshToken));
	}

	/**
	 * Introspect a token (RFC 7662); a recent result is reused within
	 * {@code identity.introspection.cache-ttl}.
	 * @param token the token
	 * @return the result; {@link IntrospectionResult#isActive()} says whether the token
	 * is usable
	 */
	public IntrospectionResult introspect(String token) {
		return join(this.engine.introspect(token, null, this.fetcher));
	}

	/**
	 * Revoke a token (RFC 7009).
	 * @param token the access or refresh token
	 * @param tokenTypeHint {@code access_token}, {@code refresh_token} or {@code null}
	 */
	public void revoke(String token, @Nullable String tokenTypeHint) {
		join(this.engine.revoke(token, tokenTypeHint, this.fetcher));
	}

	/**
	 * Read the UserInfo endpoint.
	 * @param accessToken an access token with the {@code openid} scope
	 * @param expectedSubject the ID token's {@code sub}, checked against the response
	 * when given
	 * @return the user's claims
	 */
	public UserInfo userInfo(String accessToken, @Nullable String expectedSubject) {
		return join(this.engine.userInfo(accessToken, expectedSubject, this.fetcher));
	}

	static <T> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			throw Callbacks.rethrow(ex);
		}
	}

	@Override
	public String toString() {
		return "OAuthClient[" + this.issuers + "]";
	}

}
