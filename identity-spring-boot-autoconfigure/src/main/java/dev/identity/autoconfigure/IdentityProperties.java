package dev.identity.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.identity.client.EventLoopPolicy;
import dev.identity.core.ClientAuthenticationMethod;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the identity client.
 */
@ConfigurationProperties("identity")
public class IdentityProperties {

	/**
	 * Issuer identifier of the OpenID provider, e.g.
	 * https://login.example.com/realms/main. Tokens' 'iss' must equal it exactly;
	 * discovery is read from {issuer-uri}/.well-known/openid-configuration. Nothing is
	 * configured without it.
	 */
	private @Nullable URI issuerUri;

	/**
	 * Audiences a token's 'aud' must hold at least one of. Empty skips the audience
	 * check, which only suits a provider that issues tokens for this application alone.
	 */
	private List<String> audiences = new ArrayList<>();

	/**
	 * Accepted JWS algorithms. Symmetric ('HS*') and 'none' are never accepted.
	 */
	private List<String> algorithms = new ArrayList<>(
			List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"));

	/**
	 * Tolerance for the 'exp', 'nbf' and 'iat' claims.
	 */
	private Duration clockSkew = Duration.ofSeconds(60);

	/**
	 * Required 'typ' header, e.g. 'at+jwt' for RFC 9068 access tokens. Empty accepts any
	 * type.
	 */
	private @Nullable String requiredType;

	/**
	 * Claims that must be present and not null, besides 'iss' and 'exp'.
	 */
	private List<String> requiredClaims = new ArrayList<>();

	/**
	 * Whether tokens bearing the marks of an OpenID Connect ID token ('nonce', 'at_hash',
	 * 'c_hash', 's_hash', Keycloak's 'typ' claim 'ID'), or whose 'typ' header declares
	 * another kind of JWT, are accepted as access tokens. Off: a resource server refuses
	 * them (RFC 9068 section 4, RFC 8725 section 3.11).
	 */
	private boolean acceptIdTokens;

	/**
	 * Client id of this application at the provider; needed for token requests.
	 */
	private @Nullable String clientId;

	/**
	 * Client secret, for the client-secret-basic and client-secret-post authentication
	 * methods.
	 */
	private @Nullable String clientSecret;

	/**
	 * How the client authenticates at the token endpoint.
	 */
	private ClientAuthenticationMethod clientAuthenticationMethod = ClientAuthenticationMethod.CLIENT_SECRET_BASIC;

	/**
	 * Location of the client's private key as a JWK (JSON), for the private-key-jwt
	 * authentication method.
	 */
	private @Nullable Resource clientPrivateKey;

	/**
	 * Scopes of client-credentials tokens requested without explicit scopes.
	 */
	private List<String> scopes = new ArrayList<>();

	/**
	 * Whether the legacy resource-owner password grant may be used. Discouraged by the
	 * OAuth 2.0 Security Best Current Practice; enable it only for a provider that offers
	 * nothing else.
	 */
	private boolean passwordGrantEnabled;

	/**
	 * Named issuers, for tokens from several OpenID providers: each entry takes
	 * issuer-uri, audiences, algorithms, required-type, required-claims, claims-preset,
	 * client-id and client-secret, falling back to the top-level values. Do not set
	 * identity.issuer-uri as well.
	 */
	private Map<String, IdentityIssuerProperties> issuers = new LinkedHashMap<>();

	private final Token token = new Token();

	private final Introspection introspection = new Introspection();

	private final ValidationCache validationCache = new ValidationCache();

	private final Discovery discovery = new Discovery();

	private final Jwks jwks = new Jwks();

	private final Http http = new Http();

	private final Smart smart = new Smart();

	public @Nullable URI getIssuerUri() {
		return this.issuerUri;
	}

	public void setIssuerUri(@Nullable URI issuerUri) {
		this.issuerUri = issuerUri;
	}

	public List<String> getAudiences() {
		return this.audiences;
	}

	public void setAudiences(List<String> audiences) {
		this.audiences = audiences;
	}

	public List<String> getAlgorithms() {
		return this.algorithms;
	}

	public void setAlgorithms(List<String> algorithms) {
		this.algorithms = algorithms;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public @Nullable String getRequiredType() {
		return this.requiredType;
	}

	public void setRequiredType(@Nullable String requiredType) {
		this.requiredType = requiredType;
	}

	public List<String> getRequiredClaims() {
		return this.requiredClaims;
	}

	public void setRequiredClaims(List<String> requiredClaims) {
		this.requiredClaims = requiredClaims;
	}

	public boolean isAcceptIdTokens() {
		return this.acceptIdTokens;
	}

	public void setAcceptIdTokens(boolean acceptIdTokens) {
		this.acceptIdTokens = acceptIdTokens;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public ClientAuthenticationMethod getClientAuthenticationMethod() {
		return this.clientAuthenticationMethod;
	}

	public void setClientAuthenticationMethod(ClientAuthenticationMethod clientAuthenticationMethod) {
		this.clientAuthenticationMethod = clientAuthenticationMethod;
	}

	public @Nullable Resource getClientPrivateKey() {
		return this.clientPrivateKey;
	}

	public void setClientPrivateKey(@Nullable Resource clientPrivateKey) {
		this.clientPrivateKey = clientPrivateKey;
	}

	public List<String> getScopes() {
		return this.scopes;
	}

	public void setScopes(List<String> scopes) {
		this.scopes = scopes;
	}

	public boolean isPasswordGrantEnabled() {
		return this.passwordGrantEnabled;
	}

	public void setPasswordGrantEnabled(boolean passwordGrantEnabled) {
		this.passwordGrantEnabled = passwordGrantEnabled;
	}

	/**
	 * The issuer of the first engine: {@code issuer-uri}, else the first declared of
	 * {@code issuers}.
	 * @return the URI, or {@code null} when none is set
	 */
	public @Nullable URI primaryIssuerUri() {
		if (this.issuerUri != null || this.issuers.isEmpty()) {
			return this.issuerUri;
		}
		return this.issuers.values().iterator().next().getIssuerUri();
	}

	public Map<String, IdentityIssuerProperties> getIssuers() {
		return this.issuers;
	}

	public void setIssuers(Map<String, IdentityIssuerProperties> issuers) {
		this.issuers = issuers;
	}

	public Token getToken() {
		return this.token;
	}

	public Introspection getIntrospection() {
		return this.introspection;
	}

	public ValidationCache getValidationCache() {
		return this.validationCache;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public Jwks getJwks() {
		return this.jwks;
	}

	public Http getHttp() {
		return this.http;
	}

	public Smart getSmart() {
		return this.smart;
	}

	/**
	 * Caching of a document fetched from the provider.
	 */
	public abstract static class Cache {

		/**
		 * Lifetime of the document when the response has no 'Cache-Control: max-age'.
		 */
		private Duration ttl;

		/**
		 * Lower bound on the lifetime; also applies to 'no-cache', 'no-store' and
		 * 'max-age=0', which many providers send.
		 */
		private Duration minimumTtl;

		/**
		 * Upper bound on the lifetime, whatever 'Cache-Control' says.
		 */
		private Duration maximumTtl = Duration.ofHours(24);

		/**
		 * How long before expiry a background refresh starts. Must be less than the
		 * minimum TTL.
		 */
		private Duration refreshAhead = Duration.ofMinutes(1);

		/**
		 * Least time between two fetches, whatever triggers them (an unknown 'kid', a
		 * failure, a refresh).
		 */
		private Duration minimumRefreshInterval = Duration.ofSeconds(30);

		/**
		 * How long after expiry the last good document keeps serving while the provider
		 * cannot be reached.
		 */
		private Duration outageTolerance;

		Cache(Duration ttl, Duration minimumTtl, Duration outageTolerance) {
			this.ttl = ttl;
			this.minimumTtl = minimumTtl;
			this.outageTolerance = outageTolerance;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public Duration getMinimumTtl() {
			return this.minimumTtl;
		}

		public void setMinimumTtl(Duration minimumTtl) {
			this.minimumTtl = minimumTtl;
		}

		public Duration getMaximumTtl() {
			return this.maximumTtl;
		}

		public void setMaximumTtl(Duration maximumTtl) {
			this.maximumTtl = maximumTtl;
		}

		public Duration getRefreshAhead() {
			return this.refreshAhead;
		}

		public void setRefreshAhead(Duration refreshAhead) {
			this.refreshAhead = refreshAhead;
		}

		public Duration getMinimumRefreshInterval() {
			return this.minimumRefreshInterval;
		}

		public void setMinimumRefreshInterval(Duration minimumRefreshInterval) {
			this.minimumRefreshInterval = minimumRefreshInterval;
		}

		public Duration getOutageTolerance() {
			return this.outageTolerance;
		}

		public void setOutageTolerance(Duration outageTolerance) {
			this.outageTolerance = outageTolerance;
		}

	}

	/**
	 * The discovery document and the checks on it.
	 */
	public static class Discovery extends Cache {

		/**
		 * Whether the document's 'issuer' must equal identity.issuer-uri (OpenID Connect
		 * Discovery 4.3).
		 */
		private boolean requireIssuerMatch = true;

		/**
		 * Whether the issuer and every endpoint must use HTTPS. Loopback hosts are always
		 * allowed plain HTTP.
		 */
		private boolean requireHttps = true;

		/**
		 * Whether every endpoint must be on the issuer's host.
		 */
		private boolean requireSameHost = true;

		public Discovery() {
			super(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24));
		}

		public boolean isRequireIssuerMatch() {
			return this.requireIssuerMatch;
		}

		public void setRequireIssuerMatch(boolean requireIssuerMatch) {
			this.requireIssuerMatch = requireIssuerMatch;
		}

		public boolean isRequireHttps() {
			return this.requireHttps;
		}

		public void setRequireHttps(boolean requireHttps) {
			this.requireHttps = requireHttps;
		}

		public boolean isRequireSameHost() {
			return this.requireSameHost;
		}

		public void setRequireSameHost(boolean requireSameHost) {
			this.requireSameHost = requireSameHost;
		}

	}

	/**
	 * The provider's JWK set.
	 */
	public static class Jwks extends Cache {

		public Jwks() {
			super(Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofHours(6));
		}

	}

	/**
	 * Tokens this application obtains as a client.
	 */
	public static class Token {

		/**
		 * How long before expiry a cached client-credentials token is renewed.
		 */
		private Duration renewalSkew = Duration.ofSeconds(60);

		/**
		 * Lifetime assumed when a token response has no 'expires_in'.
		 */
		private Duration defaultLifetime = Duration.ofMinutes(5);

		public Duration getRenewalSkew() {
			return this.renewalSkew;
		}

		public void setRenewalSkew(Duration renewalSkew) {
			this.renewalSkew = renewalSkew;
		}

		public Duration getDefaultLifetime() {
			return this.defaultLifetime;
		}

		public void setDefaultLifetime(Duration defaultLifetime) {
			this.defaultLifetime = defaultLifetime;
		}

	}

	/**
	 * Reuse of the verdict on a JWT sent again (a user's token on many requests).
	 */
	public static class ValidationCache {

		/**
		 * Whether a JWT validated before is accepted again without verifying its
		 * signature, when it is sent again character for character. Every reuse re-checks
		 * exp and nbf and that the key that verified it is still in the JWK set.
		 */
		private boolean enabled = true;

		/**
		 * Most tokens remembered at once (each costs about the size of the token and its
		 * claims).
		 */
		private int maxEntries = 10_000;

		/**
		 * Most heap the remembered tokens may keep alive, estimated from each token's
		 * size and claims; the oldest unused tokens go first (at most 1GB).
		 */
		private DataSize maxSize = DataSize.ofMegabytes(32);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(int maxEntries) {
			this.maxEntries = maxEntries;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

	}

	/**
	 * Token introspection (RFC 7662).
	 */
	public static class Introspection {

		/**
		 * Whether tokens are opaque: validation asks the provider's introspection
		 * endpoint instead of verifying a JWT locally. Needs identity.client-id.
		 */
		private boolean opaqueTokens;

		/**
		 * Longest time an introspection result is reused; an active result never outlives
		 * the token's expiry. Zero disables the cache.
		 */
		private Duration cacheTtl = Duration.ofSeconds(30);

		public boolean isOpaqueTokens() {
			return this.opaqueTokens;
		}

		public void setOpaqueTokens(boolean opaqueTokens) {
			this.opaqueTokens = opaqueTokens;
		}

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		/**
		 * Most introspection requests in flight at once; more fail at once with a
		 * provider error (503).
		 */
		private int maxConcurrent = 64;

		/**
		 * Most introspection requests started per second (a burst of as many, then
		 * evenly); more fail at once with a provider error (503). Cached results do not
		 * count.
		 */
		private int maxPerSecond = 100;

		/**
		 * How long the provider's failure to introspect a token is answered again without
		 * asking it. Zero asks every time.
		 */
		private Duration failureTtl = Duration.ofSeconds(2);

		/**
		 * Whether, in opaque-token mode, a token whose introspection response names no
		 * 'token_type' is refused. Keeps an active refresh token from passing for an
		 * access token; turn off only for a provider that omits 'token_type' for access
		 * tokens.
		 */
		private boolean requireTokenType = true;

		public int getMaxConcurrent() {
			return this.maxConcurrent;
		}

		public void setMaxConcurrent(int maxConcurrent) {
			this.maxConcurrent = maxConcurrent;
		}

		public int getMaxPerSecond() {
			return this.maxPerSecond;
		}

		public void setMaxPerSecond(int maxPerSecond) {
			this.maxPerSecond = maxPerSecond;
		}

		public Duration getFailureTtl() {
			return this.failureTtl;
		}

		public void setFailureTtl(Duration failureTtl) {
			this.failureTtl = failureTtl;
		}

		public boolean isRequireTokenType() {
			return this.requireTokenType;
		}

		public void setRequireTokenType(boolean requireTokenType) {
			this.requireTokenType = requireTokenType;
		}

	}

	/**
	 * Requests to the provider.
	 */
	public static class Http {

		/**
		 * Attempts per request in all, the first included; retries happen on 429 and 503,
		 * and on other server errors for requests that are safe to repeat.
		 */
		private int maxAttempts = 3;

		/**
		 * Delay before the first retry, doubled for each further one (with jitter).
		 */
		private Duration initialBackoff = Duration.ofMillis(200);

		/**
		 * Upper bound on a backoff delay.
		 */
		private Duration maxBackoff = Duration.ofSeconds(2);

		/**
		 * Longest 'Retry-After' honoured; a provider asking for longer fails the request
		 * at once.
		 */
		private Duration maxRetryAfter = Duration.ofSeconds(10);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		/**
		 * Connect timeout of requests to the provider.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Read timeout of requests to the provider.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		/**
		 * Longest time one request to the provider may take as a whole, response body
		 * included; a provider that sends its answer a byte at a time is cut off.
		 */
		private Duration deadline = Duration.ofSeconds(10);

		/**
		 * How long a fetch of the discovery document or JWK set may run before requests
		 * stop waiting for it: later requests use the cached document or fail at once
		 * (503), and requests that hold a thread stop waiting then too; reactive ones
		 * wait until the fetch ends or its deadline passes.
		 */
		private Duration sharedFetchWait = Duration.ofMillis(250);

		public Duration getDeadline() {
			return this.deadline;
		}

		public void setDeadline(Duration deadline) {
			this.deadline = deadline;
		}

		public Duration getSharedFetchWait() {
			return this.sharedFetchWait;
		}

		public void setSharedFetchWait(Duration sharedFetchWait) {
			this.sharedFetchWait = sharedFetchWait;
		}

	}

	/**
	 * The context-aware client.
	 */
	public static class Smart {

		/**
		 * What a blocking SmartOAuthClient method does on an event-loop thread when it
		 * cannot answer from cache: 'fail' names the ...Async method to use; 'warn' logs
		 * and blocks.
		 */
		private EventLoopPolicy eventLoopPolicy = EventLoopPolicy.FAIL;

		public EventLoopPolicy getEventLoopPolicy() {
			return this.eventLoopPolicy;
		}

		public void setEventLoopPolicy(EventLoopPolicy eventLoopPolicy) {
			this.eventLoopPolicy = eventLoopPolicy;
		}

	}

}
