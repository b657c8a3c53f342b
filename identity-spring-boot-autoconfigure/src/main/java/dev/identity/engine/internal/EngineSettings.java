package dev.identity.engine.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import dev.identity.core.ClientRegistration;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.TokenRequest;
import dev.identity.core.ValidationPolicy;
import dev.identity.engine.internal.cache.CacheSettings;
import dev.identity.engine.internal.transport.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Everything an engine needs to know about one issuer.
 *
 * @param issuer the issuer identifier
 * @param validation the token validation policy
 * @param discoveryPolicy the checks on the discovery document
 * @param discoveryCache caching of the discovery document
 * @param jwksCache caching of the JWK set
 * @param client this application as an OAuth client, or {@code null} when it only
 * validates tokens
 * @param tokens the client's token handling
 * @param retry retries of requests to the provider
 * @param introspection token introspection and the opaque-token mode
 * @param tokenCache reuse of verdicts on tokens seen before
 * @param fetches how long fetches of provider documents may take and be waited for
 */
public record EngineSettings(URI issuer, ValidationPolicy validation, DiscoveryPolicy discoveryPolicy,
		CacheSettings discoveryCache, CacheSettings jwksCache, @Nullable ClientRegistration client,
		TokenSettings tokens, RetryPolicy retry, IntrospectionSettings introspection, TokenCacheSettings tokenCache,
		FetchLimits fetches) {

	public EngineSettings {
		Objects.requireNonNull(issuer, "issuer");
		Objects.requireNonNull(validation, "validation");
		Objects.requireNonNull(discoveryPolicy, "discoveryPolicy");
		Objects.requireNonNull(discoveryCache, "discoveryCache");
		Objects.requireNonNull(jwksCache, "jwksCache");
		Objects.requireNonNull(tokens, "tokens");
		Objects.requireNonNull(retry, "retry");
		Objects.requireNonNull(introspection, "introspection");
		Objects.requireNonNull(tokenCache, "tokenCache");
		Objects.requireNonNull(fetches, "fetches");
	}

	/** Settings with the default fetch limits. */
	public EngineSettings(URI issuer, ValidationPolicy validation, DiscoveryPolicy discoveryPolicy,
			CacheSettings discoveryCache, CacheSettings jwksCache, @Nullable ClientRegistration client,
			TokenSettings tokens, RetryPolicy retry, IntrospectionSettings introspection,
			TokenCacheSettings tokenCache) {
		this(issuer, validation, discoveryPolicy, discoveryCache, jwksCache, client, tokens, retry, introspection,
				tokenCache, FetchLimits.DEFAULT);
	}

	/** Settings with the default token cache. */
	public EngineSettings(URI issuer, ValidationPolicy validation, DiscoveryPolicy discoveryPolicy,
			CacheSettings discoveryCache, CacheSettings jwksCache, @Nullable ClientRegistration client,
			TokenSettings tokens, RetryPolicy retry, IntrospectionSettings introspection) {
		this(issuer, validation, discoveryPolicy, discoveryCache, jwksCache, client, tokens, retry, introspection,
				TokenCacheSettings.DEFAULT, FetchLimits.DEFAULT);
	}

	/** Settings of an application that only validates tokens. */
	public EngineSettings(URI issuer, ValidationPolicy validation, DiscoveryPolicy discoveryPolicy,
			CacheSettings discoveryCache, CacheSettings jwksCache) {
		this(issuer, validation, discoveryPolicy, discoveryCache, jwksCache, null, TokenSettings.DEFAULT,
				RetryPolicy.DEFAULT, IntrospectionSettings.DEFAULT);
	}

	/** The same settings for an OAuth client. */
	public EngineSettings withClient(ClientRegistration client, TokenSettings tokens) {
		return new EngineSettings(this.issuer, this.validation, this.discoveryPolicy, this.discoveryCache,
				this.jwksCache, client, tokens, this.retry, this.introspection, this.tokenCache, this.fetches);
	}

	/** The same settings with another retry policy. */
	public EngineSettings withRetry(RetryPolicy retry) {
		return new EngineSettings(this.issuer, this.validation, this.discoveryPolicy, this.discoveryCache,
				this.jwksCache, this.client, this.tokens, retry, this.introspection, this.tokenCache, this.fetches);
	}

	/** The same settings with other introspection settings. */
	public EngineSettings withIntrospection(IntrospectionSettings introspection) {
		return new EngineSettings(this.issuer, this.validation, this.discoveryPolicy, this.discoveryCache,
				this.jwksCache, this.client, this.tokens, this.retry, introspection, this.tokenCache, this.fetches);
	}

	/** The same settings with another token cache. */
	public EngineSettings withTokenCache(TokenCacheSettings tokenCache) {
		return new EngineSettings(this.issuer, this.validation, this.discoveryPolicy, this.discoveryCache,
				this.jwksCache, this.client, this.tokens, this.retry, this.introspection, tokenCache, this.fetches);
	}

	/** The same settings with other fetch limits. */
	public EngineSettings withFetches(FetchLimits fetches) {
		return new EngineSettings(this.issuer, this.validation, this.discoveryPolicy, this.discoveryCache,
				this.jwksCache, this.client, this.tokens, this.retry, this.introspection, this.tokenCache, fetches);
	}

	/**
	 * Reuse of the verdict on a token seen before: a token sent with many requests is
	 * verified once, then found again character for character. Every reuse re-checks
	 * {@code exp} and {@code nbf} and that the key that verified it is still published.
	 *
	 * @param enabled whether verdicts are reused
	 * @param maxEntries most tokens remembered at once
	 * @param maxBytes most heap the remembered tokens may keep alive, in bytes, as
	 * estimated from each token's size and claims; between 1 and {@link #MAXIMUM_SIZE}
	 */
	public record TokenCacheSettings(boolean enabled, int maxEntries, long maxBytes) {

		/** The default of {@code maxBytes}: 32 MB. */
		public static final long DEFAULT_SIZE = 32L * 1024 * 1024;

		/**
		 * The largest {@code maxBytes}: 1 GB. The cache lives on the heap; a larger bound
		 * is a typing error, not a plan.
		 */
		public static final long MAXIMUM_SIZE = 1024L * 1024 * 1024;

		/** On, for up to 10,000 tokens and 32 MB. */
		public static final TokenCacheSettings DEFAULT = new TokenCacheSettings(true, 10_000);

		/** Every token verified afresh. */
		public static final TokenCacheSettings DISABLED = new TokenCacheSettings(false, 1);

		public TokenCacheSettings {
			if (maxEntries < 1) {
				throw new IllegalArgumentException("maxEntries must be at least 1");
			}
			String sizeProblem = sizeProblem(maxBytes);
			if (sizeProblem != null) {
				throw new IllegalArgumentException("maxBytes " + sizeProblem);
			}
		}

		/** At most {@code maxEntries} tokens and {@link #DEFAULT_SIZE}. */
		public TokenCacheSettings(boolean enabled, int maxEntries) {
			this(enabled, maxEntries, DEFAULT_SIZE);
		}

		/**
		 * What is wrong with a bound on the cache's bytes.
		 * @param maxBytes the bound
		 * @return the reason it is refused, or {@code null} when it is fine
		 */
		public static @Nullable String sizeProblem(long maxBytes) {
			if (maxBytes < 1) {
				return "must be positive";
			}
			if (maxBytes > MAXIMUM_SIZE) {
				return "must be at most 1GB (" + MAXIMUM_SIZE + " bytes)";
			}
			return null;
		}

	}

	/**
	 * Token introspection (RFC 7662).
	 *
	 * @param opaqueTokens whether {@code validate} treats every token as opaque and asks
	 * the provider (a resource server whose provider issues reference tokens)
	 * @param cacheTtl longest time an introspection result is reused; an active result
	 * never outlives the token's {@code exp}; zero disables the cache
	 * @param maxConcurrent most introspection requests in flight at once; more fail at
	 * once
	 * @param maxPerSecond most introspection requests started per second (a burst of as
	 * many, then evenly); more fail at once. Tokens anyone can make up must not turn into
	 * provider requests without bound
	 * @param failureTtl how long a provider failure to introspect a token is answered
	 * from memory
	 * @param requireTokenType whether, in opaque-token mode, a response without
	 * {@code token_type} is refused: an active refresh token must not pass for an access
	 * token
	 */
	public record IntrospectionSettings(boolean opaqueTokens, Duration cacheTtl, int maxConcurrent, int maxPerSecond,
			Duration failureTtl, boolean requireTokenType) {

		/**
		 * JWT validation; results reused up to 30 s; 64 requests in flight, 100 per
		 * second; failures for 2 s.
		 */
		public static final IntrospectionSettings DEFAULT = new IntrospectionSettings(false, Duration.ofSeconds(30));

		public IntrospectionSettings {
			Objects.requireNonNull(cacheTtl, "cacheTtl");
			Objects.requireNonNull(failureTtl, "failureTtl");
			if (maxConcurrent < 1) {
				throw new IllegalArgumentException("maxConcurrent must be at least 1");
			}
			if (maxPerSecond < 1) {
				throw new IllegalArgumentException("maxPerSecond must be at least 1");
			}
		}

		/** The given mode and cache, with the default limits. */
		public IntrospectionSettings(boolean opaqueTokens, Duration cacheTtl) {
			this(opaqueTokens, cacheTtl, 64, 100, Duration.ofSeconds(2), true);
		}

	}

	/**
	 * How the client's tokens are handled.
	 *
	 * @param renewalSkew how long before expiry a cached client-credentials token is
	 * renewed
	 * @param defaultLifetime lifetime assumed when a token response has no
	 * {@code expires_in}
	 * @param passwordGrantEnabled whether the legacy password grant may be used
	 * @param defaultRequest the client-credentials request of {@code clientCredentials()}
	 * without arguments (the configured scopes)
	 */
	public record TokenSettings(Duration renewalSkew, Duration defaultLifetime, boolean passwordGrantEnabled,
			TokenRequest.ClientCredentials defaultRequest) {

		/** 60 s renewal skew, 5 min default lifetime, no password grant, no scopes. */
		public static final TokenSettings DEFAULT = new TokenSettings(Duration.ofSeconds(60), Duration.ofMinutes(5),
				false, TokenRequest.ClientCredentials.ofScopes());

		public TokenSettings {
			Objects.requireNonNull(renewalSkew, "renewalSkew");
			Objects.requireNonNull(defaultLifetime, "defaultLifetime");
			Objects.requireNonNull(defaultRequest, "defaultRequest");
		}

	}

	/**
	 * How long the fetch of a provider document (discovery, JWK set) may take, and how
	 * long other callers wait for it. A provider that stalls must not hold every request
	 * thread of a servlet application: a fetch has a deadline for its whole response, and
	 * once it has run for {@code sharedWait}, callers no longer wait for it; they use the
	 * cached document, or fail at once.
	 *
	 * @param deadline longest time one request to the provider may take, response body
	 * included
	 * @param sharedWait longest time a caller waits for a fetch another caller started,
	 * counted from the fetch's start; a fetch older than this is not joined
	 */
	public record FetchLimits(Duration deadline, Duration sharedWait) {

		/** A 10 s deadline; callers wait up to 250 ms for a fetch of another. */
		public static final FetchLimits DEFAULT = new FetchLimits(Duration.ofSeconds(10), Duration.ofMillis(250));

		public FetchLimits {
			Objects.requireNonNull(deadline, "deadline");
			Objects.requireNonNull(sharedWait, "sharedWait");
			if (deadline.isZero() || deadline.isNegative()) {
				throw new IllegalArgumentException("deadline must be positive");
			}
			if (sharedWait.isNegative()) {
				throw new IllegalArgumentException("sharedWait must not be negative");
			}
		}

	}

}
