package dev.identity.engine.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.identity.core.ClientRegistration;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.IntrospectionResult;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.UserInfo;
import dev.identity.core.ValidatedToken;
import dev.identity.core.internal.FailureReason;
import dev.identity.core.internal.validation.TokenVerifier;
import dev.identity.engine.internal.cache.IntrospectionCache;
import dev.identity.engine.internal.cache.ProviderDocuments;
import dev.identity.engine.internal.cache.SingleFlight;
import dev.identity.engine.internal.cache.TokenBucket;
import dev.identity.engine.internal.cache.TokenBuckets;
import dev.identity.engine.internal.transport.FormPost;
import dev.identity.engine.internal.transport.HttpFetcher;
import dev.identity.engine.internal.transport.ProviderFailures;
import dev.identity.engine.internal.transport.TokenRequests;
import org.jspecify.annotations.Nullable;

/**
 * The provider's endpoints other than the token endpoint: introspection (RFC 7662, with
 * its cache and its limits on what made-up tokens may cost the provider), revocation (RFC
 * 7009) and UserInfo (OpenID Connect Core §5.3).
 */
final class ProviderEndpoints {

	private final EngineSettings settings;

	private final Clock clock;

	private final ProviderDocuments documents;

	private final RetryingPost posts;

	private final EngineObserver observer;

	private final IntrospectionCache introspections = new IntrospectionCache();

	/** Introspections in flight, keyed by the hash of their token. */
	private final SingleFlight<String> flights = new SingleFlight<>();

	private final AtomicInteger introspectionsInFlight = new AtomicInteger();

	private final AtomicReference<TokenBucket> introspectionRate = new AtomicReference<>(TokenBucket.full());

	ProviderEndpoints(EngineSettings settings, Clock clock, ProviderDocuments documents, RetryingPost posts,
			EngineObserver observer) {
		this.observer = observer;
		this.settings = settings;
		this.clock = clock;
		this.documents = documents;
		this.posts = posts;
	}

	/** Validate an opaque token by introspection. */
	CompletableFuture<ValidatedToken> validateOpaque(@Nullable String token, HttpFetcher fetcher) {
		if (token == null || token.isBlank()) {
			return CompletableFuture.failedFuture(InvalidTokenException.of(TokenCheck.FORMAT, "token is empty"));
		}
		if (token.length() > TokenVerifier.MAXIMUM_TOKEN_LENGTH) {
			// Refused before it costs the provider a request.
			return CompletableFuture.failedFuture(InvalidTokenException.of(TokenCheck.FORMAT,
					"token is longer than " + TokenVerifier.MAXIMUM_TOKEN_LENGTH + " characters"));
		}
		return introspect(token, "access_token", fetcher).thenApply((result) -> result.toValidatedToken(token,
				this.settings.validation(), this.clock.instant(), this.settings.introspection().requireTokenType()));
	}

	/**
	 * An opaque token validated from a cached introspection, without I/O, or
	 * {@code null}.
	 */
	@Nullable ValidatedToken validateOpaqueIfCached(@Nullable String token) {
		if (token == null) {
			return null;
		}
		IntrospectionResult cached = this.introspections.get(token, this.clock.instant());
		if (cached != null) {
			// A miss is counted by the introspection that follows it.
			this.observer.cacheLookup(EngineObserver.Cache.INTROSPECTION, true);
		}
		return (cached != null) ? cached.toValidatedToken(token, this.settings.validation(), this.clock.instant(),
				this.settings.introspection().requireTokenType()) : null;
	}

	/** See {@link IdentityEngine#introspect(String, String, HttpFetcher)}. */
	CompletableFuture<IntrospectionResult> introspect(String token, @Nullable String tokenTypeHint,
			HttpFetcher fetcher) {
		Instant now = this.clock.instant();
		IntrospectionResult cached = this.introspections.get(token, now);
		this.observer.cacheLookup(EngineObserver.Cache.INTROSPECTION, cached != null);
		if (cached != null) {
			return CompletableFuture.completedFuture(cached);
		}
		IdentityProviderException failedRecently = this.introspections.failure(token, now);
		if (failedRecently != null) {
			return CompletableFuture.failedFuture(failedRecently);
		}
		ClientRegistration client = this.settings.client();
		if (client == null) {
			return CompletableFuture.failedFuture(new IllegalStateException(
					"no OAuth client is configured: set identity.client-id (and its credentials) to introspect tokens"));
		}
		return this.flights.run(IntrospectionCache.key(token), () -> {
			IdentityProviderException refused = admitIntrospection();
			if (refused != null) {
				return CompletableFuture.<IntrospectionResult>failedFuture(refused);
			}
			CompletableFuture<IntrospectionResult> sent;
			try {
				sent = this.documents.discovery(fetcher)
					.thenCompose((document) -> sendIntrospection(token, tokenTypeHint, client,
							requireEndpoint(document.getIntrospectionEndpoint(), "introspection_endpoint"), fetcher));
			}
			catch (RuntimeException ex) {
				sent = CompletableFuture.failedFuture(ex);
			}
			return sent.whenComplete((result, failure) -> {
				this.introspectionsInFlight.decrementAndGet();
				if (ProviderFailures.unwrap(failure) instanceof IdentityProviderException provider) {
					// Asked again at once, a provider that just failed would likely fail
					// again.
					this.introspections.putFailure(token, provider, this.clock.instant(),
							this.settings.introspection().failureTtl());
				}
			});
		}).copy();
	}

	private CompletableFuture<IntrospectionResult> sendIntrospection(String token, @Nullable String tokenTypeHint,
			ClientRegistration client, URI endpoint, HttpFetcher fetcher) {
		FormPost post = TokenRequests.introspection(token, tokenTypeHint, client, endpoint, this.clock.instant());
		return this.posts.send(post, true, fetcher).thenApply((response) -> {
			if (!response.isSuccessful()) {
				throw this.posts.providerError(post.endpoint(), endpoint, response);
			}
			IntrospectionResult result;
			try {
				result = IntrospectionResult.parse(response.body());
			}
			catch (IllegalArgumentException ex) {
				throw new IdentityProviderException(post.endpoint(), endpoint, response.status(), null,
						FailureReason.of(ex), null);
			}
			this.introspections.put(token, result, this.clock.instant(), this.settings.introspection().cacheTtl());
			return result;
		});
	}

	/**
	 * Count an introspection request against the limits, before it is sent: at most so
	 * many in flight and so many per second, however many made-up tokens arrive.
	 * @return {@code null} when it may be sent (and is now counted in flight), else why
	 * not
	 */
	private @Nullable IdentityProviderException admitIntrospection() {
		EngineSettings.IntrospectionSettings limits = this.settings.introspection();
		if (this.introspectionsInFlight.incrementAndGet() > limits.maxConcurrent()) {
			this.introspectionsInFlight.decrementAndGet();
			return new IdentityProviderException("introspection", this.settings.issuer(),
					"more than " + limits.maxConcurrent() + " introspection requests in flight; refused without "
							+ "asking the provider");
		}
		Duration every = Duration.ofNanos(1_000_000_000L / limits.maxPerSecond());
		if (!TokenBuckets.take(this.introspectionRate, this.clock.instant(), limits.maxPerSecond(), every)) {
			this.introspectionsInFlight.decrementAndGet();
			return new IdentityProviderException("introspection", this.settings.issuer(),
					"more than " + limits.maxPerSecond() + " introspection requests per second; refused without "
							+ "asking the provider");
		}
		return null;
	}

	/** See {@link IdentityEngine#cachedIntrospection(String)}. */
	@Nullable IntrospectionResult cachedIntrospection(String token) {
		return this.introspections.get(token, this.clock.instant());
	}

	/** See {@link IdentityEngine#revoke(String, String, HttpFetcher)}. */
	CompletableFuture<Void> revoke(String token, @Nullable String tokenTypeHint, HttpFetcher fetcher) {
		ClientRegistration client = this.settings.client();
		if (client == null) {
			return CompletableFuture.failedFuture(new IllegalStateException(
					"no OAuth client is configured: set identity.client-id (and its credentials) to revoke tokens"));
		}
		return this.documents.discovery(fetcher).thenCompose((document) -> {
			URI endpoint = requireEndpoint(document.getRevocationEndpoint(), "revocation_endpoint");
			FormPost post = TokenRequests.revocation(token, tokenTypeHint, client, endpoint, this.clock.instant());
			// Revoking twice is harmless (RFC 7009 §2.2: an invalid token is answered
			// with 200 too).
			return this.posts.send(post, true, fetcher).thenApply((response) -> {
				this.introspections.evict(token);
				if (!response.isSuccessful()) {
					throw this.posts.providerError(post.endpoint(), endpoint, response);
				}
				return (Void) null;
			});
		});
	}

	/** See {@link IdentityEngine#userInfo(String, String, HttpFetcher)}. */
	CompletableFuture<UserInfo> userInfo(String accessToken, @Nullable String expectedSubject, HttpFetcher fetcher) {
		return this.documents.discovery(fetcher).thenCompose((document) -> {
			URI endpoint = requireEndpoint(document.getUserInfoEndpoint(), "userinfo_endpoint");
			return this.observer
				.providerRequest("userinfo",
						() -> fetcher.get("userinfo", endpoint, Map.of("Authorization", "Bearer " + accessToken)))
				.thenApply((response) -> {
					if (!response.isSuccessful()) {
						throw this.posts.providerError("userinfo", endpoint, response);
					}
					try {
						return UserInfo.parse(response.body(), expectedSubject);
					}
					catch (IllegalArgumentException ex) {
						throw new IdentityProviderException("userinfo", endpoint, response.status(), null,
								FailureReason.of(ex), null);
					}
				});
		});
	}

	/**
	 * An endpoint the discovery document names.
	 * @param endpoint the endpoint, or {@code null} when the document has none
	 * @param member the document's member, for the error
	 * @return the endpoint
	 */
	private URI requireEndpoint(@Nullable URI endpoint, String member) {
		if (endpoint == null) {
			throw new IdentityProviderException(ProviderDocuments.DISCOVERY, this.documents.discoveryUri(),
					"the discovery document has no " + member + "; the provider does not offer it");
		}
		return endpoint;
	}

}
