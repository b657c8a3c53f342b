package dev.identity.engine.internal;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.identity.core.TokenCheck;
import dev.identity.engine.internal.transport.FetchedResponse;

/**
 * What one engine tells about its work, for metrics and traces: the outcome of each
 * validation, the lookups of its caches, and each request to the provider. The engine
 * depends on no metrics library: every method does nothing unless implemented, and
 * {@link #NONE} watches nothing.
 * <p>
 * An observer is called on the validation's hot path: it must be cheap (look its meters
 * up once, not per call) and must never throw.
 */
public interface EngineObserver {

	/** The observer of an engine nobody watches. */
	EngineObserver NONE = new EngineObserver() {
	};

	/** A token was validated. */
	default void validated() {
	}

	/**
	 * A token was refused.
	 * @param firstFailedCheck the first check it failed
	 */
	default void rejected(TokenCheck firstFailedCheck) {
	}

	/**
	 * A validation could not decide: the provider failed (or something else did) and no
	 * usable key remained.
	 * @param failure why, unwrapped
	 */
	default void failed(Throwable failure) {
	}

	/**
	 * One lookup of a cache.
	 * @param cache the cache
	 * @param hit whether it answered without asking the provider
	 */
	default void cacheLookup(Cache cache, boolean hit) {
	}

	/**
	 * One request to the provider (each attempt of a retried request is one).
	 * @param endpoint the logical endpoint: {@code discovery}, {@code jwks},
	 * {@code token}, {@code introspection}, {@code revocation} or {@code userinfo}
	 * @param request sends the request when called, and returns its response
	 * @return the response, as the request returned it
	 */
	default CompletableFuture<FetchedResponse> providerRequest(String endpoint,
			Supplier<CompletableFuture<FetchedResponse>> request) {
		return request.get();
	}

	/**
	 * Makes the observer of each issuer's engine.
	 */
	@FunctionalInterface
	interface Factory {

		/** Observers that watch nothing. */
		Factory NONE = (issuerName) -> EngineObserver.NONE;

		/**
		 * The observer of one issuer's engine.
		 * @param issuerName the issuer's name: {@code default} for
		 * {@code identity.issuer-uri}, else its name under {@code identity.issuers}
		 * @return the observer
		 */
		EngineObserver forIssuer(String issuerName);

	}

	/**
	 * The caches an engine looks up.
	 */
	enum Cache {

		/**
		 * The JWK set: a hit when the key of a token whose signature is verified was in
		 * the cached set; a miss when the set had to be fetched first, or lacks the key.
		 */
		KEYS("keys"),

		/**
		 * Earlier verdicts on tokens; counted by the cache itself
		 * ({@link IdentityEngine#validationCacheStats()}).
		 */
		TOKENS("tokens"),

		/** Client-credentials tokens not due for renewal. */
		CLIENT_CREDENTIALS("client_credentials"),

		/** Recent introspection results. */
		INTROSPECTION("introspection");

		private final String tag;

		Cache(String tag) {
			this.tag = tag;
		}

		/** The cache's name in metrics. */
		public String tag() {
			return this.tag;
		}

	}

}
