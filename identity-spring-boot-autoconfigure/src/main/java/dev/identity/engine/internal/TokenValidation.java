package dev.identity.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import dev.identity.core.DiscoveryDocument;
import dev.identity.core.IdentityException;
import dev.identity.core.KeySet;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.core.ValidatedToken;
import dev.identity.core.VerificationKey;
import dev.identity.core.internal.LogSafeText;
import dev.identity.core.internal.validation.ParsedToken;
import dev.identity.core.internal.validation.TokenVerifier;
import dev.identity.engine.internal.cache.CacheSettings;
import dev.identity.engine.internal.cache.CacheState;
import dev.identity.engine.internal.cache.ProviderDocument;
import dev.identity.engine.internal.cache.ProviderDocuments;
import dev.identity.engine.internal.cache.TokenBucket;
import dev.identity.engine.internal.cache.TokenBuckets;
import dev.identity.engine.internal.cache.ValidatedTokenCache;
import dev.identity.engine.internal.cache.ValidationCacheStats;
import dev.identity.engine.internal.transport.HttpFetcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Validation of signed tokens (JWTs) against the cached discovery document and JWK set:
 * passes over the caches without I/O, each ending in a verdict or in a document to fetch
 * first; at most one refresh of the key set for a key id it does not hold; and the
 * remembered verdicts of recent tokens.
 */
final class TokenValidation {

	private static final Log logger = LogFactory.getLog(TokenValidation.class);

	/**
	 * Refreshes for unknown key ids that may start at once, before the minimum refresh
	 * interval applies.
	 */
	static final int UNKNOWN_KEY_BURST = 1;

	private final EngineSettings settings;

	private final Clock clock;

	private final TokenVerifier verifier;

	private final ProviderDocuments documents;

	private final @Nullable ValidatedTokenCache validatedTokens;

	private final EngineObserver observer;

	/**
	 * Refreshes of the JWK set for unknown key ids: a burst, then one per minimum refresh
	 * interval.
	 */
	private final AtomicReference<TokenBucket> unknownKeyRefreshes = new AtomicReference<>(TokenBucket.full());

	/**
	 * The key set a refresh for an unknown key was last granted for. Every caller that
	 * read that same set may wait for the refresh: it is one request however many join,
	 * so they need no grant of their own. Written under {@link #refreshGrants}, with the
	 * bucket's take.
	 */
	private volatile @Nullable CacheState<KeySet> refreshGrantedFor;

	private final Object refreshGrants = new Object();

	TokenValidation(EngineSettings settings, Clock clock, TokenVerifier verifier, ProviderDocuments documents,
			@Nullable ValidatedTokenCache validatedTokens, EngineObserver observer) {
		this.observer = observer;
		this.settings = settings;
		this.clock = clock;
		this.verifier = verifier;
		this.documents = documents;
		this.validatedTokens = validatedTokens;
	}

	/**
	 * Forget the verdicts resting on a key that left the set (or changed under its kid).
	 * @param cache the remembered verdicts, or {@code null} when there are none
	 * @param verifier the verifier
	 * @param keys the new key set
	 * @param now the current time
	 */
	static void keysReplaced(@Nullable ValidatedTokenCache cache, TokenVerifier verifier, KeySet keys, Instant now) {
		if (cache != null) {
			cache.removeIf(
					(entry) -> !verifier.stillValid(entry.token(), entry.notBefore(), entry.verifiedWith(), keys, now));
		}
	}

	/** See {@link IdentityEngine#validate(String, HttpFetcher, Executor)}. */
	CompletableFuture<ValidatedToken> validate(@Nullable String token, HttpFetcher fetcher, Executor continuations) {
		try {
			boolean cacheable = cacheable(token);
			ValidatedToken cached = cacheable ? reuse(Objects.requireNonNull(token), fetcher) : null;
			if (cached != null) {
				return CompletableFuture.completedFuture(cached);
			}
			return validate(this.verifier.parse(token), cacheable, fetcher, continuations, 0, false, false);
		}
		catch (IdentityException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** See {@link IdentityEngine#requireReadable(String)}. */
	void parse(@Nullable String token) {
		this.verifier.parse(token);
	}

	/** See {@link IdentityEngine#validateIfCached(String, HttpFetcher)}. */
	@Nullable ValidatedToken validateIfCached(@Nullable String token, HttpFetcher fetcher) {
		boolean cacheable = cacheable(token);
		ValidatedToken cached = cacheable ? reuse(Objects.requireNonNull(token), fetcher) : null;
		if (cached != null) {
			return cached;
		}
		Step step = attempt(this.verifier.parse(token), cacheable, fetcher, 0, false, false, false);
		return (step instanceof Validated validated) ? validated.token() : null;
	}

	/** Whether the validated-token cache holds exactly this token; counts nothing. */
	boolean remembers(String token) {
		return this.validatedTokens != null && this.validatedTokens.holds(token);
	}

	/** How many validated tokens are remembered, for tests. */
	int validatedTokenCount() {
		return (this.validatedTokens != null) ? this.validatedTokens.size() : 0;
	}

	ValidationCacheStats validationCacheStats() {
		return (this.validatedTokens != null) ? this.validatedTokens.stats() : ValidationCacheStats.OFF;
	}

	/** Whether the validated-token cache is on and applies to the token. */
	private boolean cacheable(@Nullable String token) {
		return this.validatedTokens != null && token != null && !token.isEmpty()
				&& token.length() <= TokenVerifier.MAXIMUM_TOKEN_LENGTH;
	}

	/**
	 * The earlier verdict on a token, when it still holds: the caches it rests on are
	 * usable as they are (the same decisions as a full validation, including a background
	 * refresh when due), and the core confirms its time window and key.
	 */
	private @Nullable ValidatedToken reuse(String token, HttpFetcher fetcher) {
		ValidatedTokenCache cache = Objects.requireNonNull(this.validatedTokens);
		ValidatedTokenCache.Entry entry = cache.get(token);
		if (entry == null) {
			return null;
		}
		Instant now = this.clock.instant();
		ProviderDocument<DiscoveryDocument> discovery = this.documents.discovery();
		if (!this.documents.usable(discovery, discovery.state(), now, fetcher, 0)) {
			return null;
		}
		ProviderDocument<KeySet> jwks = this.documents.jwks();
		CacheState<KeySet> keyState = jwks.state();
		if (!this.documents.usable(jwks, keyState, now, fetcher, 0)) {
			return null;
		}
		// usable(...) answers true only for a state that holds keys.
		KeySet keys = Objects.requireNonNull(keyState.value(), "keys");
		if (!this.verifier.stillValid(entry.token(), entry.notBefore(), entry.verifiedWith(), keys, now)) {
			cache.remove(entry);
			return null;
		}
		return entry.token();
	}

	private CompletableFuture<ValidatedToken> validate(ParsedToken parsed, boolean cacheable, HttpFetcher fetcher,
			Executor continuations, int round, boolean keyRefreshUsed, boolean keysFetched) {
		Step step;
		try {
			step = attempt(parsed, cacheable, fetcher, round, keyRefreshUsed, keysFetched, true);
		}
		catch (IdentityException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		if (step instanceof Validated validated) {
			return CompletableFuture.completedFuture(validated.token());
		}
		NeedsFetch<?> need = (NeedsFetch<?>) step;
		// The outcome of the fetch is recorded in the cache state; the next round reads
		// it from there.
		return fetch(need, fetcher).handle((ignored, failure) -> null)
			.thenComposeAsync((ignored) -> validate(parsed, cacheable, fetcher, continuations, round + 1,
					keyRefreshUsed || need.forUnknownKey(), keysFetched || need.document() == this.documents.jwks()),
					continuations);
	}

	private <T> CompletableFuture<Void> fetch(NeedsFetch<T> need, HttpFetcher fetcher) {
		return this.documents.fetch(need.document(), need.observed(), fetcher);
	}

	/** What one pass over the caches found: a verdict, or a document to fetch first. */
	private sealed interface Step permits Validated, NeedsFetch {

	}

	private record Validated(ValidatedToken token) implements Step {

	}

	/**
	 * A document to fetch (or a fetch to wait for) before validation can go on, and the
	 * state that was seen missing it.
	 */
	private record NeedsFetch<T>(ProviderDocument<T> document, CacheState<T> observed,
			boolean forUnknownKey) implements Step {

	}

	/**
	 * One pass over the caches, without I/O.
	 * @param keyRefreshUsed whether this validation already had its refresh for an
	 * unknown key
	 * @param keysFetched whether this validation waited for a fetch of the key set: its
	 * key lookup is then a miss of the key cache
	 * @param mayStartKeyRefresh whether a refresh for an unknown key may be counted
	 * against the limit now; the hot path only looks, and leaves the counting to the full
	 * validation that follows it
	 */
	private Step attempt(ParsedToken parsed, boolean cacheable, HttpFetcher fetcher, int round, boolean keyRefreshUsed,
			boolean keysFetched, boolean mayStartKeyRefresh) {
		Instant now = this.clock.instant();
		if (parsed.hasHeaderFailures()) {
			throw this.verifier.reject(parsed, null, now);
		}
		ProviderDocument<DiscoveryDocument> discovery = this.documents.discovery();
		CacheState<DiscoveryDocument> documentState = discovery.state();
		if (!this.documents.usable(discovery, documentState, now, fetcher, round)) {
			return new NeedsFetch<>(discovery, documentState, false);
		}
		ProviderDocument<KeySet> jwks = this.documents.jwks();
		CacheState<KeySet> keyState = jwks.state();
		if (!this.documents.usable(jwks, keyState, now, fetcher, round)) {
			return new NeedsFetch<>(jwks, keyState, false);
		}
		// usable(...) answers true only for a state that holds keys.
		KeySet keys = Objects.requireNonNull(keyState.value(), "keys");
		VerificationKey key = this.verifier.selectKey(parsed, keys);
		if (key == null) {
			if (!keyRefreshUsed && round < ProviderDocuments.MAXIMUM_ROUNDS
					&& mayRefreshForUnknownKey(keyState, now, mayStartKeyRefresh)) {
				return new NeedsFetch<>(jwks, keyState, true);
			}
			this.observer.cacheLookup(EngineObserver.Cache.KEYS, false);
			throw this.verifier.reject(parsed, unknownKey(parsed, keys, keyState), now);
		}
		this.observer.cacheLookup(EngineObserver.Cache.KEYS, !keysFetched);
		ValidatedToken validated = this.verifier.verify(parsed, key, now);
		if (cacheable) {
			Objects.requireNonNull(this.validatedTokens)
				.put(validated, parsed.getClaimsFootprint(), key.getPublicKey(), now);
		}
		return new Validated(validated);
	}

	/**
	 * Whether a token whose key is not in the set may wait for a newer set. A key
	 * published after the last fetch is picked up at first sight, whenever that fetch
	 * was: the limit counts refreshes for unknown keys only (a burst, then one per
	 * minimum refresh interval), so a flood of forged key ids costs the provider a
	 * bounded number of requests, and a routine fetch a second ago costs nothing. A fetch
	 * already in flight is joined, while it is young enough to wait for.
	 */
	private boolean mayRefreshForUnknownKey(CacheState<KeySet> observed, Instant now, boolean take) {
		ProviderDocument<KeySet> jwks = this.documents.jwks();
		ProviderDocument.Flight running = jwks.flight();
		Duration sharedWait = this.settings.fetches().sharedWait();
		if (running != null) {
			return !running.isLate(now, sharedWait);
		}
		if (jwks.state() != observed) {
			// A fetch ended since this pass read the state: read the new set, at no cost.
			return true;
		}
		CacheSettings cache = jwks.cache();
		if (observed.lastFailure() != null && !observed.mayFetch(now, cache)) {
			// The provider failed a moment ago: its back-off holds for these refreshes
			// too.
			return false;
		}
		Duration every = cache.minimumRefreshInterval();
		// Callers who read the set a refresh was just granted for join that refresh, even
		// before its fetch has started: without this, a crowd meeting a new key at once
		// got one grant and the rest were refused.
		if (this.refreshGrantedFor == observed) {
			return true;
		}
		if (!take) {
			// Starts full and is only ever swapped for another bucket. Only looks: no
			// lock.
			return Objects.requireNonNull(this.unknownKeyRefreshes.get(), "bucket")
				.hasToken(now, UNKNOWN_KEY_BURST, every);
		}
		synchronized (this.refreshGrants) {
			if (this.refreshGrantedFor == observed) {
				return true;
			}
			if (TokenBuckets.take(this.unknownKeyRefreshes, now, UNKNOWN_KEY_BURST, every)) {
				this.refreshGrantedFor = observed;
				return true;
			}
			return false;
		}
	}

	private TokenCheckFailure unknownKey(ParsedToken parsed, KeySet keys, CacheState<KeySet> state) {
		String subject = (parsed.getKeyId() != null)
				? "no key with kid '" + LogSafeText.of(parsed.getKeyId(), 200) + "'"
				: "no key for " + parsed.getAlgorithm();
		if (logger.isDebugEnabled()) {
			// The key set and refresh times help an operator, but are no business of the
			// token's sender.
			logger.debug(subject + " in " + keys + "; JWK set last fetched at " + state.lastAttemptAt()
					+ ", refreshes for unknown keys limited to one per "
					+ this.documents.jwks().cache().minimumRefreshInterval());
		}
		return new TokenCheckFailure(TokenCheck.KEY, subject + " in the provider's JWK set");
	}

}
