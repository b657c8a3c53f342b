package dev.identity.engine.internal;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import dev.identity.core.ClientRegistration;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import dev.identity.core.internal.FailureReason;
import dev.identity.engine.internal.cache.ClientTokenCache;
import dev.identity.engine.internal.cache.ProviderDocuments;
import dev.identity.engine.internal.cache.SingleFlight;
import dev.identity.engine.internal.transport.FetchedResponse;
import dev.identity.engine.internal.transport.FormPost;
import dev.identity.engine.internal.transport.HttpFetcher;
import dev.identity.engine.internal.transport.TokenRequests;
import org.jspecify.annotations.Nullable;

/**
 * The provider's token endpoint: token requests of any grant, sent with retries, and the
 * client-credentials tokens cached and shared by every client flavor of the issuer.
 */
final class TokenEndpoint {

	private final EngineSettings settings;

	private final Clock clock;

	private final ProviderDocuments documents;

	private final RetryingPost posts;

	private final EngineObserver observer;

	private final ClientTokenCache clientTokens = new ClientTokenCache();

	private final SingleFlight<TokenRequest.ClientCredentials> flights = new SingleFlight<>();

	TokenEndpoint(EngineSettings settings, Clock clock, ProviderDocuments documents, RetryingPost posts,
			EngineObserver observer) {
		this.observer = observer;
		this.settings = settings;
		this.clock = clock;
		this.documents = documents;
		this.posts = posts;
	}

	/** See {@link IdentityEngine#requestToken(TokenRequest, HttpFetcher)}. */
	CompletableFuture<TokenResponse> requestToken(TokenRequest request, HttpFetcher fetcher) {
		ClientRegistration client = this.settings.client();
		if (client == null) {
			return CompletableFuture.failedFuture(new IllegalStateException(
					"no OAuth client is configured: set identity.client-id (and identity.client-secret) to call the "
							+ "token endpoint"));
		}
		if (request instanceof TokenRequest.Password && !this.settings.tokens().passwordGrantEnabled()) {
			return CompletableFuture.failedFuture(new IllegalStateException("the password grant is disabled: it is "
					+ "legacy and discouraged (OAuth 2.0 Security BCP); set identity.password-grant-enabled=true "
					+ "only for a provider that offers nothing else"));
		}
		return this.documents.discovery(fetcher).thenCompose((document) -> {
			URI endpoint = document.getTokenEndpoint();
			if (endpoint == null) {
				throw new IdentityProviderException(ProviderDocuments.DISCOVERY, this.documents.discoveryUri(),
						"the discovery document has no token_endpoint");
			}
			FormPost post = TokenRequests.token(request, client, endpoint, this.clock.instant());
			return this.posts.send(post, request.idempotent(), fetcher)
				.thenApply((response) -> tokenResponse(post, response));
		});
	}

	/**
	 * See
	 * {@link IdentityEngine#clientCredentials(TokenRequest.ClientCredentials, HttpFetcher)}.
	 */
	CompletableFuture<TokenResponse> clientCredentials(TokenRequest.ClientCredentials request, HttpFetcher fetcher) {
		TokenResponse cached = cachedClientCredentials(request);
		this.observer.cacheLookup(EngineObserver.Cache.CLIENT_CREDENTIALS, cached != null);
		if (cached != null) {
			return CompletableFuture.completedFuture(cached);
		}
		return this.flights.run(request, () -> {
			TokenResponse again = cachedClientCredentials(request);
			if (again != null) {
				return CompletableFuture.completedFuture(again);
			}
			return requestToken(request, fetcher).thenApply((response) -> {
				this.clientTokens.put(request, response, response.expiresAt(this.settings.tokens().defaultLifetime()),
						this.clock.instant());
				return response;
			});
		}).copy();
	}

	/**
	 * See {@link IdentityEngine#cachedClientCredentials(TokenRequest.ClientCredentials)}.
	 */
	@Nullable TokenResponse cachedClientCredentials(TokenRequest.ClientCredentials request) {
		return this.clientTokens.get(request, this.clock.instant(), this.settings.tokens().renewalSkew());
	}

	/**
	 * See
	 * {@link IdentityEngine#evictClientCredentials(TokenRequest.ClientCredentials, String)}.
	 */
	void evictClientCredentials(TokenRequest.ClientCredentials request, String accessToken) {
		this.clientTokens.evict(request, accessToken);
	}

	private TokenResponse tokenResponse(FormPost post, FetchedResponse response) {
		if (!response.isSuccessful()) {
			throw this.posts.providerError(post.endpoint(), post.uri(), response);
		}
		try {
			return TokenResponse.parse(response.body(), this.clock.instant());
		}
		catch (IllegalArgumentException ex) {
			throw new IdentityProviderException(post.endpoint(), post.uri(), response.status(), null,
					FailureReason.of(ex), null);
		}
	}

}
