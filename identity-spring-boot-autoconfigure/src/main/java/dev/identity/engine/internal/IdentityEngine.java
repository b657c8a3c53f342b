package dev.identity.engine.internal;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import dev.identity.core.DiscoveryDocument;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.IntrospectionResult;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.KeySet;
import dev.identity.core.OAuthErrorException;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import dev.identity.core.UserInfo;
import dev.identity.core.ValidatedToken;
import dev.identity.core.internal.validation.TokenVerifier;
import dev.identity.engine.internal.cache.ProviderDocuments;
import dev.identity.engine.internal.cache.ValidatedTokenCache;
import dev.identity.engine.internal.cache.ValidationCacheStats;
import dev.identity.engine.internal.transport.HttpFetcher;
import dev.identity.engine.internal.transport.ProviderFailures;
import org.jspecify.annotations.Nullable;

/**
 * The shared state behind every client of one issuer: the discovery cache, the JWK set
 * cache and the single-flight that makes concurrent misses cost one request, whichever
 * client flavor asked.
 * <p>
 * The engine performs no I/O itself. Each client hands it an {@link HttpFetcher} of its
 * own transport; the engine decides (through the core) whether a fetch is needed, runs at
 * most one per document at a time, and swaps the result in. No lock is held during a
 * fetch.
 * <p>
 * It is a facade over its parts: {@link ProviderDocuments} (the cached discovery document
 * and JWK set), {@link TokenValidation}, {@link TokenEndpoint}, {@link ProviderEndpoints}
 * (introspection, revocation, UserInfo) and {@link EngineThreads}.
 */
public final class IdentityEngine implements AutoCloseable {

	private final EngineSettings settings;

	private final Clock clock;

	private final EngineThreads threads;

	private final ProviderDocuments documents;

	private final TokenValidation validation;

	private final TokenEndpoint tokenEndpoint;

	private final ProviderEndpoints endpoints;

	private final EngineObserver observer;

	private final ValidationOutcomes outcomes;

	/**
	 * Create an engine with its own background thread pool for refreshes ahead of expiry.
	 * @param settings the issuer settings
	 * @param clock the clock
	 */
	public IdentityEngine(EngineSettings settings, Clock clock) {
		this(settings, clock, null);
	}

	/**
	 * Create an engine.
	 * @param settings the issuer settings
	 * @param clock the clock
	 * @param background executor for refreshes ahead of expiry, or {@code null} for a
	 * small pool of the engine's own (at most two daemon threads, one per document)
	 */
	public IdentityEngine(EngineSettings settings, Clock clock, @Nullable Executor background) {
		this(settings, clock, background, EngineTimer.system(), () -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * Create an engine whose work an observer sees, for metrics and traces.
	 * @param settings the issuer settings
	 * @param clock the clock
	 * @param background executor for refreshes ahead of expiry, or {@code null} for a
	 * small pool of the engine's own
	 * @param observer told of validations, cache lookups and provider requests
	 */
	public IdentityEngine(EngineSettings settings, Clock clock, @Nullable Executor background,
			EngineObserver observer) {
		this(settings, clock, background, EngineTimer.system(), () -> ThreadLocalRandom.current().nextDouble(),
				observer);
	}

	/**
	 * Create an engine with its sources of time and chance given, as tests do.
	 * @param settings the issuer settings
	 * @param clock the clock
	 * @param background executor for refreshes ahead of expiry, or {@code null} for a
	 * small pool of the engine's own
	 * @param timer runs the ends of shared waits and the deadlines of fetches
	 * @param random values in {@code [0, 1)} for the jitter of back-offs and of retry
	 * delays
	 */
	public IdentityEngine(EngineSettings settings, Clock clock, @Nullable Executor background, EngineTimer timer,
			DoubleSupplier random) {
		this(settings, clock, background, timer, random, EngineObserver.NONE);
	}

	/**
	 * Create an engine with its sources of time and chance given, and an observer.
	 * @param settings the issuer settings
	 * @param clock the clock
	 * @param background executor for refreshes ahead of expiry, or {@code null} for a
	 * small pool of the engine's own
	 * @param timer runs the ends of shared waits and the deadlines of fetches
	 * @param random values in {@code [0, 1)} for the jitter of back-offs and of retry
	 * delays
	 * @param observer told of validations, cache lookups and provider requests
	 */
	public IdentityEngine(EngineSettings settings, Clock clock, @Nullable Executor background, EngineTimer timer,
			DoubleSupplier random, EngineObserver observer) {
		this.observer = Objects.requireNonNull(observer, "observer");
		this.outcomes = new ValidationOutcomes(observer);
		this.settings = Objects.requireNonNull(settings, "settings");
		this.clock = Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(timer, "timer");
		Objects.requireNonNull(random, "random");
		this.threads = new EngineThreads(background);
		TokenVerifier verifier = new TokenVerifier(settings.validation());
		@Nullable ValidatedTokenCache validatedTokens = settings.tokenCache().enabled()
				? new ValidatedTokenCache(settings.tokenCache().maxEntries(), settings.tokenCache().maxBytes()) : null;
		this.documents = new ProviderDocuments(settings, clock, timer, random, this.threads.background(),
				(keys) -> TokenValidation.keysReplaced(validatedTokens, verifier, keys, clock.instant()), observer);
		this.validation = new TokenValidation(settings, clock, verifier, this.documents, validatedTokens, observer);
		RetryingPost posts = new RetryingPost(settings, clock, timer, random, observer);
		this.tokenEndpoint = new TokenEndpoint(settings, clock, this.documents, posts, observer);
		this.endpoints = new ProviderEndpoints(settings, clock, this.documents, posts, observer);
	}

	public EngineSettings getSettings() {
		return this.settings;
	}

	public Clock getClock() {
		return this.clock;
	}

	/** URL of the discovery document. */
	public URI getDiscoveryUri() {
		return this.documents.discoveryUri();
	}

	// ---- validation

	/**
	 * Validate a token, fetching discovery and keys through the given transport when
	 * needed.
	 * @param token the compact JWS
	 * @param fetcher the caller's transport
	 * @return the validated token; completes exceptionally with an
	 * {@link dev.identity.core.InvalidTokenException} or an
	 * {@link IdentityProviderException}
	 */
	public CompletableFuture<ValidatedToken> validate(@Nullable String token, HttpFetcher fetcher) {
		return validate(token, fetcher, Runnable::run);
	}

	/**
	 * Validate a token, fetching discovery and keys through the given transport when
	 * needed, and going on after a fetch on the given executor.
	 * <p>
	 * A fetch is shared by every validation that needs it while it is in flight. Without
	 * an executor of their own, all of them would go on, one after the other, on the
	 * thread that completed the fetch: after a key rotation, one thread (an event loop,
	 * or the caller that fetched) would verify every waiting token in turn. With one,
	 * each validation verifies its token where its caller wants: on a blocking caller's
	 * own thread, or spread over a reactive scheduler.
	 * <p>
	 * A fetch that has run for {@link EngineSettings.FetchLimits#sharedWait()} is not
	 * joined: the validation goes on with the cached document, or fails with an
	 * {@link IdentityProviderException} at once. A caller of a
	 * {@linkplain HttpFetcher#holdsCallerThread() blocking transport} that joined a fetch
	 * in time waits for it only until then too; a caller that holds no thread waits until
	 * the fetch ends or its deadline passes.
	 * @param token the compact JWS
	 * @param fetcher the caller's transport
	 * @param continuations where the validation goes on once a fetch it waited for has
	 * completed; one that refuses the task fails the validation with its
	 * {@code RejectedExecutionException}
	 * @return the validated token; completes exceptionally with an
	 * {@link dev.identity.core.InvalidTokenException} or an
	 * {@link IdentityProviderException}
	 */
	public CompletableFuture<ValidatedToken> validate(@Nullable String token, HttpFetcher fetcher,
			Executor continuations) {
		return this.outcomes
			.reported(this.settings.introspection().opaqueTokens() ? this.endpoints.validateOpaque(token, fetcher)
					: this.validation.validate(token, fetcher, continuations));
	}

	/**
	 * Parse a token as this engine's verifier does, without verifying it: for the reason
	 * a token cannot be read, before any fetch.
	 * @param token the token
	 * @throws InvalidTokenException ({@link TokenCheck#FORMAT}) when it is not a JWS
	 * compact serialization of two JSON objects
	 */
	public void requireReadable(@Nullable String token) {
		this.validation.parse(token);
	}

	/**
	 * Validate a token only if no I/O is needed: the hot path of every flavor.
	 * @param token the compact JWS
	 * @param fetcher the caller's transport, used only for a refresh in the background
	 * @return the validated token, or {@code null} when discovery or keys must be fetched
	 * first
	 * @throws dev.identity.core.InvalidTokenException when the token is invalid
	 * @throws IdentityProviderException when the provider failed and no usable cached
	 * value remains
	 */
	public @Nullable ValidatedToken validateIfCached(@Nullable String token, HttpFetcher fetcher) {
		try {
			return this.outcomes.reported(this.settings.introspection().opaqueTokens()
					? this.endpoints.validateOpaqueIfCached(token) : this.validation.validateIfCached(token, fetcher));
		}
		catch (RuntimeException ex) {
			throw this.outcomes.reported(ex);
		}
	}

	/**
	 * What this engine knows of its provider now, from its caches alone: never a request,
	 * never a wait.
	 * @return the snapshot
	 */
	public ProviderHealth health() {
		return ProviderHealth.of(this.documents.discovery().state(), this.documents.discovery().cache(),
				this.documents.jwks().state(), this.documents.jwks().cache(),
				!this.settings.introspection().opaqueTokens(), this.clock.instant());
	}

	/**
	 * Whether this engine verified the token before and still remembers it, without
	 * counting a hit or a miss: its issuer is then this engine's, whatever a fresh
	 * validation will say of its time window and key.
	 * @param token the token, as received
	 * @return whether its validated-token cache holds exactly this token
	 */
	public boolean remembers(String token) {
		return this.validation.remembers(token);
	}

	/** How many validated tokens are remembered, for tests. */
	public int validatedTokenCount() {
		return this.validation.validatedTokenCount();
	}

	/**
	 * The validated-token cache's hits, misses and size since this engine started.
	 * @return the counts; all zero when the cache is off
	 */
	public ValidationCacheStats validationCacheStats() {
		return this.validation.validationCacheStats();
	}

	// ---- discovery and keys

	/**
	 * The discovery document, fetched through the given transport when needed.
	 * @param fetcher the caller's transport
	 * @return the document
	 */
	public CompletableFuture<DiscoveryDocument> discovery(HttpFetcher fetcher) {
		return this.documents.discovery(fetcher);
	}

	/**
	 * The JWK set, fetched (with discovery first) through the given transport when
	 * needed.
	 * @param fetcher the caller's transport
	 * @return the key set
	 */
	public CompletableFuture<KeySet> keys(HttpFetcher fetcher) {
		return this.documents.keys(fetcher);
	}

	/**
	 * The discovery document if it is usable without I/O.
	 * @return the document, or {@code null}
	 */
	public @Nullable DiscoveryDocument cachedDiscovery() {
		return this.documents.cachedDiscovery();
	}

	/**
	 * The JWK set if it is usable without I/O.
	 * @return the key set, or {@code null}
	 */
	public @Nullable KeySet cachedKeys() {
		return this.documents.cachedKeys();
	}

	// ---- token endpoint

	/**
	 * Send a token request (any grant) and read the response.
	 * @param request the request
	 * @param fetcher the caller's transport
	 * @return the token response; completes exceptionally with an
	 * {@link OAuthErrorException} when the provider answers an OAuth error, an
	 * {@link IdentityProviderException} for other failures, or an
	 * {@link IllegalStateException} when no client is configured or the grant is disabled
	 */
	public CompletableFuture<TokenResponse> requestToken(TokenRequest request, HttpFetcher fetcher) {
		return this.tokenEndpoint.requestToken(request, fetcher);
	}

	/**
	 * A client-credentials token, from cache while it is not due for renewal. Concurrent
	 * callers of an equal request share one token request, whichever client flavor they
	 * use; a failure is not cached.
	 * @param request the request
	 * @param fetcher the caller's transport
	 * @return the token response
	 */
	public CompletableFuture<TokenResponse> clientCredentials(TokenRequest.ClientCredentials request,
			HttpFetcher fetcher) {
		return this.tokenEndpoint.clientCredentials(request, fetcher);
	}

	/**
	 * A cached client-credentials token not due for renewal, without I/O.
	 * @param request the request
	 * @return the response, or {@code null}
	 */
	public @Nullable TokenResponse cachedClientCredentials(TokenRequest.ClientCredentials request) {
		TokenResponse cached = this.tokenEndpoint.cachedClientCredentials(request);
		if (cached != null) {
			// A miss is counted by the request that follows it.
			this.observer.cacheLookup(EngineObserver.Cache.CLIENT_CREDENTIALS, true);
		}
		return cached;
	}

	/**
	 * Forget a cached client-credentials token a resource server refused (401), so the
	 * next call gets a new one. A newer token that already replaced it stays.
	 * @param request the request the token was obtained with
	 * @param accessToken the refused token
	 */
	public void evictClientCredentials(TokenRequest.ClientCredentials request, String accessToken) {
		this.tokenEndpoint.evictClientCredentials(request, accessToken);
	}

	// ---- introspection, revocation, userinfo

	/**
	 * Introspect a token (RFC 7662), reusing a recent result: never longer than the
	 * token's {@code exp} nor the configured TTL. Concurrent introspections of one token
	 * share one request.
	 * @param token the token
	 * @param tokenTypeHint {@code access_token}, {@code refresh_token} or {@code null}
	 * @param fetcher the caller's transport
	 * @return the result
	 */
	public CompletableFuture<IntrospectionResult> introspect(String token, @Nullable String tokenTypeHint,
			HttpFetcher fetcher) {
		return this.endpoints.introspect(token, tokenTypeHint, fetcher);
	}

	/**
	 * A reusable introspection result, without I/O.
	 * @param token the token
	 * @return the result, or {@code null}
	 */
	public @Nullable IntrospectionResult cachedIntrospection(String token) {
		IntrospectionResult cached = this.endpoints.cachedIntrospection(token);
		if (cached != null) {
			// A miss is counted by the introspection that follows it.
			this.observer.cacheLookup(EngineObserver.Cache.INTROSPECTION, true);
		}
		return cached;
	}

	/**
	 * Revoke a token (RFC 7009) and forget any introspection result for it.
	 * @param token the token
	 * @param tokenTypeHint {@code access_token}, {@code refresh_token} or {@code null}
	 * @param fetcher the caller's transport
	 * @return completes when the provider confirmed
	 */
	public CompletableFuture<Void> revoke(String token, @Nullable String tokenTypeHint, HttpFetcher fetcher) {
		return this.endpoints.revoke(token, tokenTypeHint, fetcher);
	}

	/**
	 * Read the UserInfo endpoint with an access token (OpenID Connect Core §5.3).
	 * @param accessToken an access token with the {@code openid} scope
	 * @param expectedSubject the ID token's {@code sub} to compare with, or {@code null}
	 * @param fetcher the caller's transport
	 * @return the claims
	 */
	public CompletableFuture<UserInfo> userInfo(String accessToken, @Nullable String expectedSubject,
			HttpFetcher fetcher) {
		return this.endpoints.userInfo(accessToken, expectedSubject, fetcher);
	}

	/**
	 * Unwrap the wrappers a {@link CompletableFuture} puts around a failure.
	 * @param failure the failure
	 * @return the cause that matters
	 */
	public static Throwable unwrap(Throwable failure) {
		return ProviderFailures.unwrap(failure);
	}

	@Override
	public void close() {
		this.threads.close();
	}

	@Override
	public String toString() {
		return "IdentityEngine[issuer=" + this.settings.issuer() + "]";
	}

}
