package dev.identity.engine;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

import dev.identity.core.CacheSettings;
import dev.identity.core.ClientRegistration;
import dev.identity.core.FormPost;
import dev.identity.core.IntrospectionResult;
import dev.identity.core.UserInfo;
import dev.identity.core.OAuthErrorException;
import dev.identity.core.RetryPolicy;
import dev.identity.core.TokenRequest;
import dev.identity.core.TokenRequests;
import dev.identity.core.TokenResponse;
import dev.identity.core.CacheState;
import dev.identity.core.DiscoveryDocument;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.IdentityException;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.KeySet;
import dev.identity.core.LogSafeText;
import dev.identity.core.ParsedToken;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.core.TokenBucket;
import dev.identity.core.TokenVerifier;
import dev.identity.core.ValidatedToken;
import dev.identity.core.VerificationKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 */
public final class IdentityEngine implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(IdentityEngine.class);

	/**
	 * Rounds of fetch-and-retry one validation may take: discovery, keys, one unknown-kid
	 * refresh.
	 */
	private static final int MAXIMUM_ROUNDS = 3;

	/**
	 * Refreshes for unknown key ids that may start at once, before the minimum refresh
	 * interval applies.
	 */
	static final int UNKNOWN_KEY_BURST = 1;

	private static final String DISCOVERY = "discovery";

	private static final String JWKS = "jwks";

	private final EngineSettings settings;

	private final TokenVerifier verifier;

	private final Clock clock;

	private final Executor background;

	private final @Nullable ExecutorService ownedBackground;

	private final EngineTimer timer;

	private final DoubleSupplier random;

	private final URI discoveryUri;

	private final ProviderDocument<DiscoveryDocument> discovery;

	private final ProviderDocument<KeySet> jwks;

	/**
	 * Refreshes of the JWK set for unknown key ids: a burst, then one per minimum refresh
	 * interval.
	 */
	private final AtomicReference<TokenBucket> unknownKeyRefreshes = new AtomicReference<>(TokenBucket.full());

	private final SingleFlight<Object> flights = new SingleFlight<>();

	private final ClientTokenCache clientTokens = new ClientTokenCache();

	private final IntrospectionCache introspections = new IntrospectionCache();

	private final AtomicInteger introspectionsInFlight = new AtomicInteger();

	private final AtomicReference<TokenBucket> introspectionRate = new AtomicReference<>(TokenBucket.full());

	private final @Nullable ValidatedTokenCache validatedTokens;

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
	 * Create an engine with its sources of time and chance given, as tests do.
	 * @param settings the issuer settings
	 * @param clock the clock
	 * @param background executor for refreshes ahead of expiry, or {@code null} for a
	 * small pool of the engine's own
	 * @param timer runs the ends of shared waits and the deadlines of fetches
	 * @param random values in {@code [0, 1)} for the jitter of back-offs
	 */
	public IdentityEngine(EngineSettings settings, Clock clock, @Nullable Executor background, EngineTimer timer,
			DoubleSupplier random) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.timer = Objects.requireNonNull(timer, "timer");
		this.random = Objects.requireNonNull(random, "random");
		this.verifier = new TokenVerifier(settings.validation());
		this.discoveryUri = DiscoveryPolicy.discoveryUri(settings.issuer());
		this.discovery = new ProviderDocument<>(DISCOVERY, settings.discoveryCache(), () -> this.discoveryUri,
				this::parseDiscovery);
		this.jwks = new ProviderDocument<>(JWKS, settings.jwksCache(), this::jwksUri, this::parseKeys);
		this.validatedTokens = settings.tokenCache().enabled()
				? new ValidatedTokenCache(settings.tokenCache().maxEntries()) : null;
		if (background != null) {
			this.background = background;
			this.ownedBackground = null;
		}
		else {
			ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
					new RefreshThreadFactory(), new ThreadPoolExecutor.DiscardPolicy());
			this.background = pool;
			this.ownedBackground = pool;
		}
	}

	public EngineSettings getSettings() {
		return this.settings;
	}

	public Clock getClock() {
		return this.clock;
	}

	/** URL of the discovery document. */
	public URI getDiscoveryUri() {
		return this.discoveryUri;
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
		if (this.settings.introspection().opaqueTokens()) {
			return validateOpaque(token, fetcher);
		}
		try {
			ValidatedTokenCache.Digest digest = digest(token);
			ValidatedToken cached = (digest != null) ? reuse(digest, fetcher) : null;
			if (cached != null) {
				return CompletableFuture.completedFuture(cached);
			}
			return validate(this.verifier.parse(token), digest, fetcher, continuations, 0, false);
		}
		catch (IdentityException ex) {
			return CompletableFuture.failedFuture(ex);
		}
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
		if (this.settings.introspection().opaqueTokens()) {
			IntrospectionResult cached = (token != null) ? this.introspections.get(token, this.clock.instant()) : null;
			return (cached != null) ? cached.toValidatedToken(token, this.settings.validation(), this.clock.instant(),
					this.settings.introspection().requireTokenType()) : null;
		}
		ValidatedTokenCache.Digest digest = digest(token);
		ValidatedToken cached = (digest != null) ? reuse(digest, fetcher) : null;
		if (cached != null) {
			return cached;
		}
		Step step = attempt(this.verifier.parse(token), digest, fetcher, 0, false, false);
		return (step instanceof Validated validated) ? validated.token() : null;
	}

	/** How many validated tokens are remembered, for tests. */
	int validatedTokenCount() {
		return (this.validatedTokens != null) ? this.validatedTokens.size() : 0;
	}

	/**
	 * The key of a token in the validated-token cache, or {@code null} when it is off or
	 * cannot apply.
	 */
	private ValidatedTokenCache.@Nullable Digest digest(@Nullable String token) {
		if (this.validatedTokens == null || token == null || token.isEmpty()
				|| token.length() > TokenVerifier.MAXIMUM_TOKEN_LENGTH) {
			return null;
		}
		return ValidatedTokenCache.digest(token);
	}

	/**
	 * The earlier verdict on a token, when it still holds: the caches it rests on are
	 * usable as they are (the same decisions as a full validation, including a background
	 * refresh when due), and the core confirms its time window and key.
	 */
	private @Nullable ValidatedToken reuse(ValidatedTokenCache.Digest digest, HttpFetcher fetcher) {
		ValidatedTokenCache cache = Objects.requireNonNull(this.validatedTokens);
		ValidatedTokenCache.Entry entry = cache.get(digest);
		if (entry == null) {
			return null;
		}
		Instant now = this.clock.instant();
		if (!usable(this.discovery, this.discovery.state(), now, fetcher, 0)) {
			return null;
		}
		CacheState<KeySet> keyState = this.jwks.state();
		if (!usable(this.jwks, keyState, now, fetcher, 0)) {
			return null;
		}
		if (!this.verifier.stillValid(entry.token(), entry.notBefore(), entry.verifiedWith(), keyState.value(), now)) {
			cache.remove(digest, entry);
			return null;
		}
		return entry.token();
	}

	private CompletableFuture<ValidatedToken> validate(ParsedToken parsed, ValidatedTokenCache.@Nullable Digest digest,
			HttpFetcher fetcher, Executor continuations, int round, boolean keyRefreshUsed) {
		Step step;
		try {
			step = attempt(parsed, digest, fetcher, round, keyRefreshUsed, true);
		}
		catch (IdentityException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		if (step instanceof Validated validated) {
			return CompletableFuture.completedFuture(validated.token());
		}
		Need need = (Need) step;
		// The outcome of the fetch is recorded in the cache state; the next round reads
		// it from there.
		return fetch(need, fetcher).handle((ignored, failure) -> null)
			.thenComposeAsync((ignored) -> validate(parsed, digest, fetcher, continuations, round + 1,
					keyRefreshUsed || need.forUnknownKey()), continuations);
	}

	/** What one pass over the caches found: a verdict, or a document to fetch first. */
	private sealed interface Step permits Validated, Need {

	}

	private record Validated(ValidatedToken token) implements Step {

	}

	/**
	 * A document to fetch (or a fetch to wait for) before validation can go on, and the
	 * state that was seen missing it.
	 */
	private record Need(ProviderDocument<?> document, CacheState<?> observed, boolean forUnknownKey) implements Step {

	}

	/**
	 * One pass over the caches, without I/O.
	 * @param keyRefreshUsed whether this validation already had its refresh for an
	 * unknown key
	 * @param mayStartKeyRefresh whether a refresh for an unknown key may be counted
	 * against the limit now; the hot path only looks, and leaves the counting to the full
	 * validation that follows it
	 */
	private Step attempt(ParsedToken parsed, ValidatedTokenCache.@Nullable Digest digest, HttpFetcher fetcher,
			int round, boolean keyRefreshUsed, boolean mayStartKeyRefresh) {
		Instant now = this.clock.instant();
		if (parsed.hasHeaderFailures()) {
			throw this.verifier.reject(parsed, null, now);
		}
		CacheState<DiscoveryDocument> documentState = this.discovery.state();
		if (!usable(this.discovery, documentState, now, fetcher, round)) {
			return new Need(this.discovery, documentState, false);
		}
		CacheState<KeySet> keyState = this.jwks.state();
		if (!usable(this.jwks, keyState, now, fetcher, round)) {
			return new Need(this.jwks, keyState, false);
		}
		KeySet keys = keyState.value();
		VerificationKey key = this.verifier.selectKey(parsed, keys);
		if (key == null) {
			if (!keyRefreshUsed && round < MAXIMUM_ROUNDS
					&& mayRefreshForUnknownKey(keyState, now, mayStartKeyRefresh)) {
				return new Need(this.jwks, keyState, true);
			}
			throw this.verifier.reject(parsed, unknownKey(parsed, keys, keyState), now);
		}
		ValidatedToken validated = this.verifier.verify(parsed, key, now);
		if (digest != null) {
			Objects.requireNonNull(this.validatedTokens).put(digest, validated, key.getPublicKey(), now);
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
		ProviderDocument.Flight running = this.jwks.flight();
		Duration sharedWait = this.settings.fetches().sharedWait();
		if (running != null) {
			return !running.isLate(now, sharedWait);
		}
		if (this.jwks.state() != observed) {
			// A fetch ended since this pass read the state: read the new set, at no cost.
			return true;
		}
		CacheSettings cache = this.jwks.cache();
		if (observed.lastFailure() != null && !observed.mayFetch(now, cache)) {
			// The provider failed a moment ago: its back-off holds for these refreshes
			// too.
			return false;
		}
		Duration every = cache.minimumRefreshInterval();
		if (!take) {
			return this.unknownKeyRefreshes.get().hasToken(now, UNKNOWN_KEY_BURST, every);
		}
		return take(this.unknownKeyRefreshes, now, UNKNOWN_KEY_BURST, every);
	}

	/**
	 * Take an action from a shared token bucket; one whose clock went back is recounted
	 * from now.
	 */
	private static boolean take(AtomicReference<TokenBucket> shared, Instant now, int capacity, Duration every) {
		while (true) {
			TokenBucket bucket = shared.get();
			TokenBucket current = bucket.at(now);
			TokenBucket next = current.take(now, capacity, every);
			if (next == null) {
				if (current != bucket) {
					shared.compareAndSet(bucket, current);
				}
				return false;
			}
			if (shared.compareAndSet(bucket, next)) {
				return true;
			}
		}
	}

	private boolean usable(ProviderDocument<?> document, CacheState<?> state, Instant now, HttpFetcher fetcher,
			int round) {
		CacheSettings cache = document.cache();
		switch (state.decide(now, cache)) {
			case USE, USE_STALE -> {
				return true;
			}
			case USE_AND_REFRESH -> {
				refreshInBackground(document, fetcher);
				return true;
			}
			case FAIL -> throw Objects.requireNonNull(state.lastFailure());
			default -> {
				ProviderDocument.Flight running = document.flight();
				if (running != null && running.isLate(now, this.settings.fetches().sharedWait())) {
					// Nobody waits for a fetch that is already late: the cached copy, or
					// the error now.
					if (state.usableWhileProviderFails(now, cache)) {
						return true;
					}
					throw lateFetch(document, running, now);
				}
				if (round >= MAXIMUM_ROUNDS) {
					throw (state.lastFailure() != null) ? state.lastFailure() : new IdentityProviderException(
							document.name(), uriForErrors(document), "no usable document after " + round + " fetches");
				}
				return false;
			}
		}
	}

	private IdentityProviderException lateFetch(ProviderDocument<?> document, ProviderDocument.Flight running,
			Instant now) {
		long millis = Math.max(0, Duration.between(running.startedAt(), now).toMillis());
		return new IdentityProviderException(document.name(), uriForErrors(document),
				"the provider has not answered a fetch started " + millis + " ms ago; not waiting for it");
	}

	private URI uriForErrors(ProviderDocument<?> document) {
		try {
			return document.uri();
		}
		catch (RuntimeException ex) {
			return this.discoveryUri;
		}
	}

	private TokenCheckFailure unknownKey(ParsedToken parsed, KeySet keys, CacheState<KeySet> state) {
		String subject = (parsed.getKeyId() != null) ? "no key with kid '" + printable(parsed.getKeyId()) + "'"
				: "no key for " + parsed.getAlgorithm();
		if (logger.isDebugEnabled()) {
			// The key set and refresh times help an operator, but are no business of the
			// token's sender.
			logger.debug(subject + " in " + keys + "; JWK set last fetched at " + state.lastAttemptAt()
					+ ", refreshes for unknown keys limited to one per " + this.jwks.cache().minimumRefreshInterval());
		}
		return new TokenCheckFailure(TokenCheck.KEY, subject + " in the provider's JWK set");
	}

	// ---- discovery and keys

	/**
	 * The discovery document, fetched through the given transport when needed.
	 * @param fetcher the caller's transport
	 * @return the document
	 */
	public CompletableFuture<DiscoveryDocument> discovery(HttpFetcher fetcher) {
		return current(this.discovery, fetcher, 0).thenApply(CacheState::value);
	}

	/**
	 * The JWK set, fetched (with discovery first) through the given transport when
	 * needed.
	 * @param fetcher the caller's transport
	 * @return the key set
	 */
	public CompletableFuture<KeySet> keys(HttpFetcher fetcher) {
		return discovery(fetcher).thenCompose((document) -> current(this.jwks, fetcher, 0))
			.thenApply(CacheState::value);
	}

	/**
	 * The discovery document if it is usable without I/O.
	 * @return the document, or {@code null}
	 */
	public @Nullable DiscoveryDocument cachedDiscovery() {
		CacheState<DiscoveryDocument> state = this.discovery.state();
		return isUsableNow(state, this.discovery.cache()) ? state.value() : null;
	}

	/**
	 * The JWK set if it is usable without I/O.
	 * @return the key set, or {@code null}
	 */
	public @Nullable KeySet cachedKeys() {
		CacheState<KeySet> state = this.jwks.state();
		return isUsableNow(state, this.jwks.cache()) ? state.value() : null;
	}

	private boolean isUsableNow(CacheState<?> state, CacheSettings cache) {
		CacheState.Decision decision = state.decide(this.clock.instant(), cache);
		return decision == CacheState.Decision.USE || decision == CacheState.Decision.USE_AND_REFRESH
				|| decision == CacheState.Decision.USE_STALE;
	}

	private <T> CompletableFuture<CacheState<T>> current(ProviderDocument<T> document, HttpFetcher fetcher, int round) {
		CacheState<T> state = document.state();
		try {
			if (usable(document, state, this.clock.instant(), fetcher, round)) {
				return CompletableFuture.completedFuture(state);
			}
		}
		catch (IdentityException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return fetch(new Need(document, state, false), fetcher).handle((ignored, failure) -> null)
			.thenCompose((ignored) -> current(document, fetcher, round + 1));
	}

	private void refreshInBackground(ProviderDocument<?> document, HttpFetcher fetcher) {
		if (document.flight() != null) {
			return;
		}
		// The task refreshes the state seen now: if several are queued before the first
		// runs, the
		// later ones find the state replaced and fetch nothing.
		Need need = new Need(document, document.state(), false);
		try {
			this.background.execute(() -> fetch(need, fetcher));
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Refresh ahead of " + document.name() + " skipped: no background thread free");
		}
	}

	private URI jwksUri() {
		DiscoveryDocument document = this.discovery.state().value();
		if (document == null || document.getJwksUri() == null) {
			throw new IdentityProviderException(DISCOVERY, this.discoveryUri, "no jwks_uri known yet");
		}
		return document.getJwksUri();
	}

	/**
	 * Fetch a document once, whoever asks, and return what to wait for: callers that saw
	 * the same state share one request, a caller whose observed state was already
	 * replaced goes on at once, and a caller that finds another's fetch in flight waits
	 * no longer than the shared wait.
	 * @return completes when the caller may look at the state again; never fails
	 */
	@SuppressWarnings("unchecked")
	private CompletableFuture<Void> fetch(Need need, HttpFetcher fetcher) {
		return start((ProviderDocument<Object>) need.document(), (CacheState<Object>) need.observed(), fetcher);
	}

	private <T> CompletableFuture<Void> start(ProviderDocument<T> document, CacheState<T> observed,
			HttpFetcher fetcher) {
		Instant started = this.clock.instant();
		ProviderDocument.Flight mine = new ProviderDocument.Flight(started);
		ProviderDocument.Flight running = document.start(mine);
		if (running != null) {
			if (running.isLate(started, this.settings.fetches().sharedWait())) {
				return CompletableFuture.completedFuture(null);
			}
			// A caller that holds a thread waits only until the fetch is late; one that
			// holds none, until
			// the fetch ends or its deadline passes.
			return fetcher.holdsCallerThread() ? running.shared() : running.done();
		}
		CacheState<T> current = document.state();
		if (current != observed) {
			document.finished(mine);
			mine.end();
			return CompletableFuture.completedFuture(null);
		}
		EngineSettings.FetchLimits limits = this.settings.fetches();
		try {
			Runnable cancelShared = this.timer.schedule(mine::becameLate, limits.sharedWait());
			Runnable cancelDeadline = this.timer.schedule(
					() -> settle(document, mine, current, started, null,
							HttpFetcher.deadlinePassed(document.name(), uriForErrors(document), limits.deadline())),
					limits.deadline());
			mine.done().whenComplete((ignored, failure) -> {
				cancelShared.run();
				cancelDeadline.run();
			});
		}
		catch (RuntimeException ex) {
			// Without its timers the fetch could never end late: it does not start, and
			// is recorded failed.
			settle(document, mine, current, started, null, asProviderFailure(document.name(), this.discoveryUri, ex));
			return mine.done();
		}
		URI uri = null;
		CompletableFuture<FetchedResponse> response;
		try {
			uri = document.uri();
			response = fetcher.get(document.name(), uri);
			if (response == null) {
				throw new IllegalStateException("the transport returned no response");
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// A transport that throws instead of failing its future is still a failed
			// fetch: recorded, so
			// the back-off applies to it too.
			URI failedUri = (uri != null) ? uri : this.discoveryUri;
			settle(document, mine, current, started, null, asProviderFailure(document.name(), failedUri, ex));
			return mine.done();
		}
		URI requested = uri;
		response.whenComplete((fetched, failure) -> {
			CacheState<T> next = null;
			IdentityProviderException error = null;
			try {
				if (failure != null) {
					throw asProviderFailure(document.name(), requested, failure);
				}
				next = current.succeeded(document.parse(fetched, requested), started,
						document.cache().ttl(fetched.cacheControl()));
			}
			catch (IdentityProviderException ex) {
				error = ex;
			}
			catch (RuntimeException ex) {
				error = asProviderFailure(document.name(), requested, ex);
			}
			settle(document, mine, current, started, next, error);
		});
		return mine.done();
	}

	/**
	 * Record the outcome of a fetch, once: its response, or its deadline, whichever comes
	 * first. The new state goes in before anything else can fail, so waiters always find
	 * it.
	 */
	private <T> void settle(ProviderDocument<T> document, ProviderDocument.Flight flight, CacheState<T> previous,
			Instant started, @Nullable CacheState<T> succeeded, @Nullable IdentityProviderException failure) {
		if (!flight.settle()) {
			return;
		}
		try {
			CacheState<T> next = (succeeded != null) ? succeeded : previous.failed(started, this.clock.instant(),
					Objects.requireNonNull(failure), document.cache(), this.random.getAsDouble());
			document.state(next);
			report(document, previous, next);
		}
		finally {
			// Whatever happened above, the flight ends: a flight left registered would be
			// joined forever.
			document.finished(flight);
			flight.end();
		}
	}

	private void report(ProviderDocument<?> document, CacheState<?> previous, CacheState<?> next) {
		try {
			IdentityException failure = next.lastFailure();
			if (failure != null) {
				logger.warn("Fetching " + document.name() + " failed"
						+ ((previous.value() != null) ? "; the last good copy keeps serving within the outage tolerance"
								: "")
						+ "; next attempt in "
						+ Math.max(0, Duration.between(this.clock.instant(), next.nextFetchAllowedAt(document.cache()))
							.toMillis())
						+ " ms at the earliest: " + failure.getMessage());
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Fetched " + document.name() + " (" + next.value() + ")");
			}
		}
		catch (RuntimeException | Error ex) {
			// Logging must never keep a fetch's waiters from their result.
		}
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
		return discovery(fetcher).thenCompose((document) -> {
			URI endpoint = document.getTokenEndpoint();
			if (endpoint == null) {
				throw new IdentityProviderException(DISCOVERY, this.discoveryUri,
						"the discovery document has no token_endpoint");
			}
			FormPost post = TokenRequests.token(request, client, endpoint, this.clock.instant());
			return send(post, request.idempotent(), fetcher).thenApply((response) -> tokenResponse(post, response));
		});
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
		TokenResponse cached = cachedClientCredentials(request);
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
	 * A cached client-credentials token not due for renewal, without I/O.
	 * @param request the request
	 * @return the response, or {@code null}
	 */
	public @Nullable TokenResponse cachedClientCredentials(TokenRequest.ClientCredentials request) {
		return this.clientTokens.get(request, this.clock.instant(), this.settings.tokens().renewalSkew());
	}

	/**
	 * Forget a cached client-credentials token a resource server refused (401), so the
	 * next call gets a new one. A newer token that already replaced it stays.
	 * @param request the request the token was obtained with
	 * @param accessToken the refused token
	 */
	public void evictClientCredentials(TokenRequest.ClientCredentials request, String accessToken) {
		this.clientTokens.evict(request, accessToken);
	}

	// ---- introspection, revocation, userinfo

	private CompletableFuture<ValidatedToken> validateOpaque(@Nullable String token, HttpFetcher fetcher) {
		if (token == null || token.isBlank()) {
			return CompletableFuture
				.failedFuture(dev.identity.core.InvalidTokenException.of(TokenCheck.FORMAT, "token is empty"));
		}
		if (token.length() > TokenVerifier.MAXIMUM_TOKEN_LENGTH) {
			// Refused before it costs the provider a request.
			return CompletableFuture.failedFuture(dev.identity.core.InvalidTokenException.of(TokenCheck.FORMAT,
					"token is longer than " + TokenVerifier.MAXIMUM_TOKEN_LENGTH + " characters"));
		}
		return introspect(token, "access_token", fetcher).thenApply((result) -> result.toValidatedToken(token,
				this.settings.validation(), this.clock.instant(), this.settings.introspection().requireTokenType()));
	}

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
		Instant now = this.clock.instant();
		IntrospectionResult cached = this.introspections.get(token, now);
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
		return this.flights.run(new IntrospectionKey(IntrospectionCache.key(token)), () -> {
			IdentityProviderException refused = admitIntrospection();
			if (refused != null) {
				return CompletableFuture.<IntrospectionResult>failedFuture(refused);
			}
			CompletableFuture<IntrospectionResult> sent;
			try {
				sent = discovery(fetcher).thenCompose((document) -> sendIntrospection(token, tokenTypeHint, client,
						requireEndpoint(document.getIntrospectionEndpoint(), "introspection_endpoint"), fetcher));
			}
			catch (RuntimeException ex) {
				sent = CompletableFuture.failedFuture(ex);
			}
			return sent.whenComplete((result, failure) -> {
				this.introspectionsInFlight.decrementAndGet();
				if (unwrap(failure) instanceof IdentityProviderException provider) {
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
		return send(post, true, fetcher).thenApply((response) -> {
			if (!response.isSuccessful()) {
				throw providerError(post.endpoint(), endpoint, response);
			}
			IntrospectionResult result;
			try {
				result = IntrospectionResult.parse(response.body());
			}
			catch (IllegalArgumentException ex) {
				throw new IdentityProviderException(post.endpoint(), endpoint, response.status(), null, ex.getMessage(),
						null);
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
		if (!take(this.introspectionRate, this.clock.instant(), limits.maxPerSecond(), every)) {
			this.introspectionsInFlight.decrementAndGet();
			return new IdentityProviderException("introspection", this.settings.issuer(),
					"more than " + limits.maxPerSecond() + " introspection requests per second; refused without "
							+ "asking the provider");
		}
		return null;
	}

	/**
	 * A reusable introspection result, without I/O.
	 * @param token the token
	 * @return the result, or {@code null}
	 */
	public @Nullable IntrospectionResult cachedIntrospection(String token) {
		return this.introspections.get(token, this.clock.instant());
	}

	/**
	 * Revoke a token (RFC 7009) and forget any introspection result for it.
	 * @param token the token
	 * @param tokenTypeHint {@code access_token}, {@code refresh_token} or {@code null}
	 * @param fetcher the caller's transport
	 * @return completes when the provider confirmed
	 */
	public CompletableFuture<Void> revoke(String token, @Nullable String tokenTypeHint, HttpFetcher fetcher) {
		ClientRegistration client = this.settings.client();
		if (client == null) {
			return CompletableFuture.failedFuture(new IllegalStateException(
					"no OAuth client is configured: set identity.client-id (and its credentials) to revoke tokens"));
		}
		return discovery(fetcher).thenCompose((document) -> {
			URI endpoint = requireEndpoint(document.getRevocationEndpoint(), "revocation_endpoint");
			FormPost post = TokenRequests.revocation(token, tokenTypeHint, client, endpoint, this.clock.instant());
			// Revoking twice is harmless (RFC 7009 §2.2: an invalid token is answered
			// with 200 too).
			return send(post, true, fetcher).thenApply((response) -> {
				this.introspections.evict(token);
				if (!response.isSuccessful()) {
					throw providerError(post.endpoint(), endpoint, response);
				}
				return (Void) null;
			});
		});
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
		return discovery(fetcher).thenCompose((document) -> {
			URI endpoint = requireEndpoint(document.getUserInfoEndpoint(), "userinfo_endpoint");
			return fetcher.get("userinfo", endpoint, java.util.Map.of("Authorization", "Bearer " + accessToken))
				.thenApply((response) -> {
					if (!response.isSuccessful()) {
						throw providerError("userinfo", endpoint, response);
					}
					try {
						return UserInfo.parse(response.body(), expectedSubject);
					}
					catch (IllegalArgumentException ex) {
						throw new IdentityProviderException("userinfo", endpoint, response.status(), null,
								ex.getMessage(), null);
					}
				});
		});
	}

	private URI requireEndpoint(@Nullable URI endpoint, String member) {
		if (endpoint == null) {
			throw new IdentityProviderException(DISCOVERY, this.discoveryUri,
					"the discovery document has no " + member + "; the provider does not offer it");
		}
		return endpoint;
	}

	private record IntrospectionKey(String tokenHash) {

	}

	private TokenResponse tokenResponse(FormPost post, FetchedResponse response) {
		if (!response.isSuccessful()) {
			throw providerError(post.endpoint(), post.uri(), response);
		}
		try {
			return TokenResponse.parse(response.body(), this.clock.instant());
		}
		catch (IllegalArgumentException ex) {
			throw new IdentityProviderException(post.endpoint(), post.uri(), response.status(), null, ex.getMessage(),
					null);
		}
	}

	/**
	 * The typed error of a non-2xx answer: the OAuth error object when the body is one.
	 * @param endpoint the endpoint name
	 * @param uri the URL
	 * @param response the answer
	 * @return the exception
	 */
	IdentityProviderException providerError(String endpoint, URI uri, FetchedResponse response) {
		if (response.isRedirect()) {
			return redirectRefused(endpoint, uri, response);
		}
		return OAuthErrorException.from(endpoint, uri, response.status(), response.body(),
				RetryPolicy.parseRetryAfter(response.retryAfter(), this.clock.instant()));
	}

	/**
	 * Send a form post, retrying as the retry policy says; the transport does the
	 * waiting.
	 * @param post the request
	 * @param idempotent whether repeating it is harmless
	 * @param fetcher the caller's transport
	 * @return the last response
	 */
	CompletableFuture<FetchedResponse> send(FormPost post, boolean idempotent, HttpFetcher fetcher) {
		return attempt(post, idempotent, fetcher, 1);
	}

	private CompletableFuture<FetchedResponse> attempt(FormPost post, boolean idempotent, HttpFetcher fetcher,
			int attempt) {
		CompletableFuture<FetchedResponse> response;
		try {
			response = fetcher.post(post);
		}
		catch (RuntimeException ex) {
			response = CompletableFuture.failedFuture(asProviderFailure(post.endpoint(), post.uri(), ex));
		}
		return response.handle((answer, failure) -> {
			int status = (failure != null) ? 0 : answer.status();
			Duration retryAfter = (answer != null)
					? RetryPolicy.parseRetryAfter(answer.retryAfter(), this.clock.instant()) : null;
			Duration delay = (failure == null && answer.isSuccessful()) ? null : this.settings.retry()
				.delayBeforeRetry(attempt, status, idempotent, retryAfter, ThreadLocalRandom.current().nextDouble());
			if (delay == null) {
				return (failure != null)
						? CompletableFuture
							.<FetchedResponse>failedFuture(asProviderFailure(post.endpoint(), post.uri(), failure))
						: CompletableFuture.completedFuture(answer);
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Retrying " + post.endpoint() + " in " + delay.toMillis() + " ms (attempt " + attempt
						+ " got " + ((failure != null) ? "no response" : "HTTP " + status) + ")");
			}
			return fetcher.delay(delay).thenCompose((ignored) -> attempt(post, idempotent, fetcher, attempt + 1));
		}).thenCompose((next) -> next);
	}

	private DiscoveryDocument parseDiscovery(FetchedResponse response, URI uri) {
		String body = okBody(DISCOVERY, response, uri);
		DiscoveryDocument document;
		try {
			document = DiscoveryDocument.parse(body);
		}
		catch (IllegalArgumentException ex) {
			throw new IdentityProviderException(DISCOVERY, uri, response.status(), null, ex.getMessage(), null);
		}
		List<String> problems = this.settings.discoveryPolicy().check(document, this.settings.issuer());
		if (!problems.isEmpty()) {
			throw new IdentityProviderException(DISCOVERY, uri, response.status(), null,
					"document refused: " + String.join("; ", problems), null);
		}
		return document;
	}

	private KeySet parseKeys(FetchedResponse response, URI uri) {
		String body = okBody(JWKS, response, uri);
		try {
			KeySet keys = KeySet.parse(body);
			if (!keys.ignored().isEmpty()) {
				logger.warn("JWK set from " + uri + ": " + keys.ignored().size() + " malformed key(s) left out, "
						+ "tokens signed with them are rejected: " + String.join("; ", keys.ignored()));
			}
			ValidatedTokenCache cache = this.validatedTokens;
			if (cache != null) {
				// Verdicts resting on a key that left the set (or changed under its kid)
				// go with it.
				Instant now = this.clock.instant();
				cache.removeIf((entry) -> !this.verifier.stillValid(entry.token(), entry.notBefore(),
						entry.verifiedWith(), keys, now));
			}
			return keys;
		}
		catch (IllegalArgumentException ex) {
			throw new IdentityProviderException(JWKS, uri, response.status(), null,
					ex.getMessage() + "; the previous keys stay in use", null);
		}
	}

	private static String okBody(String name, FetchedResponse response, URI uri) {
		if (response.isRedirect()) {
			throw redirectRefused(name, uri, response);
		}
		if (response.status() != 200) {
			throw new IdentityProviderException(name, uri, response.status(), null, "expected HTTP 200", null);
		}
		return response.body();
	}

	/**
	 * Requests to the provider never follow redirects: a redirect could lead them off the
	 * host the discovery policy allowed, and re-send client credentials or an access
	 * token there.
	 */
	private static IdentityProviderException redirectRefused(String name, URI uri, FetchedResponse response) {
		return new IdentityProviderException(name, uri, response.status(), null,
				"answered a redirect (HTTP " + response.status() + "); requests to the provider never follow redirects",
				null);
	}

	static IdentityProviderException asProviderFailure(String name, URI uri, Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof IdentityProviderException provider) {
			return provider;
		}
		return new IdentityProviderException(name, uri, 0, null, "request failed: " + cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? " (" + printable(cause.getMessage()) + ")" : ""), cause);
	}

	/**
	 * Unwrap the wrappers a {@link CompletableFuture} puts around a failure.
	 * @param failure the failure
	 * @return the cause that matters
	 */
	public static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static String printable(String value) {
		return LogSafeText.of(value, 200);
	}

	@Override
	public void close() {
		if (this.ownedBackground != null) {
			this.ownedBackground.shutdownNow();
		}
	}

	@Override
	public String toString() {
		return "IdentityEngine[issuer=" + this.settings.issuer() + "]";
	}

	private static final class RefreshThreadFactory implements java.util.concurrent.ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable runnable) {
			Thread thread = new Thread(runnable, "identity-refresh-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
