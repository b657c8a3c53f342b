package dev.identity.engine;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import dev.identity.core.CacheSettings;
import dev.identity.core.ClientRegistration;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.RetryPolicy;
import dev.identity.core.TokenRequest;
import dev.identity.core.ValidationPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Everything an engine needs to know about one issuer.
 *
 * @param issuer the issuer identifier
 * @param validation the token validation policy
 * @param discoveryPolicy the checks on the discovery document
 * @param discoveryCache caching of the discovery document
 * @param jwksCache caching of the JWK set
 * @param client this application as an OAuth client, or {@code null} when it only validates tokens
 * @param tokens the client's token handling
 * @param retry retries of requests to the provider
 * @param introspection token introspection and the opaque-token mode
 * @param tokenCache reuse of verdicts on tokens seen before
 */
public record EngineSettings(URI issuer, ValidationPolicy validation, DiscoveryPolicy discoveryPolicy,
		CacheSettings discoveryCache, CacheSettings jwksCache, @Nullable ClientRegistration client,
		TokenSettings tokens, RetryPolicy retry, IntrospectionSettings introspection,
		TokenCacheSettings tokenCache) {

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
	}

	/** Settings with the default token cache. */
	public EngineSettings(URI issuer, ValidationPolicy validation, DiscoveryPolicy discoveryPolicy,
			CacheSettings discoveryCache, CacheSettings jwksCache, @Nullable ClientRegistration client,
			TokenSettings tokens, RetryPolicy retry, IntrospectionSettings introspection) {
		this(issuer, validation, discoveryPolicy, discoveryCache, jwksCache, client, tokens, retry, introspection,
				TokenCacheSettings.DEFAULT);
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
				this.jwksCache, client, tokens, this.retry, this.introspection, this.tokenCache);
	}

	/** The same settings with another retry policy. */
	public EngineSettings withRetry(RetryPolicy retry) {
		return new EngineSettings(this.issuer, this.validation, this.discoveryPolicy, this.discoveryCache,
				this.jwksCache, this.client, this.tokens, retry, this.introspection, this.tokenCache);
	}

	/** The same settings with other introspection settings. */
	public EngineSettings withIntrospection(IntrospectionSettings introspection) {
		return new EngineSettings(this.issuer, this.validation, this.discoveryPolicy, this.discoveryCache,
				this.jwksCache, this.client, this.tokens, this.retry, introspection, this.tokenCache);
	}

	/** The same settings with another token cache. */
	public EngineSettings withTokenCache(TokenCacheSettings tokenCache) {
		return new EngineSettings(this.issuer, this.validation, this.discoveryPolicy, this.discoveryCache,
				this.jwksCache, this.client, this.tokens, this.retry, this.introspection, tokenCache);
	}

	/**
	 * Reuse of the verdict on a token seen before: a token sent with many requests is verified once,
	 * then found by its SHA-256. Every reuse re-checks {@code exp} and {@code nbf} and that the key
	 * that verified it is still published.
	 *
	 * @param enabled whether verdicts are reused
	 * @param maxEntries most tokens remembered at once
	 */
	public record TokenCacheSettings(boolean enabled, int maxEntries) {

		/** On, for up to 10,000 tokens. */
		public static final TokenCacheSettings DEFAULT = new TokenCacheSettings(true, 10_000);

		/** Every token verified afresh. */
		public static final TokenCacheSettings DISABLED = new TokenCacheSettings(false, 1);

		public TokenCacheSettings {
			if (maxEntries < 1) {
				throw new IllegalArgumentException("maxEntries must be at least 1");
			}
		}

	}

	/**
	 * Token introspection (RFC 7662).
	 *
	 * @param opaqueTokens whether {@code validate} treats every token as opaque and asks the provider
	 * (a resource server whose provider issues reference tokens)
	 * @param cacheTtl longest time an introspection result is reused; an active result never outlives
	 * the token's {@code exp}; zero disables the cache
	 */
	public record IntrospectionSettings(boolean opaqueTokens, Duration cacheTtl) {

		/** JWT validation; introspection results reused up to 30 s. */
		public static final IntrospectionSettings DEFAULT = new IntrospectionSettings(false, Duration.ofSeconds(30));

		public IntrospectionSettings {
			Objects.requireNonNull(cacheTtl, "cacheTtl");
		}

	}

	/**
	 * How the client's tokens are handled.
	 *
	 * @param renewalSkew how long before expiry a cached client-credentials token is renewed
	 * @param defaultLifetime lifetime assumed when a token response has no {@code expires_in}
	 * @param passwordGrantEnabled whether the legacy password grant may be used
	 * @param defaultRequest the client-credentials request of {@code clientCredentials()} without
	 * arguments (the configured scopes)
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

}
