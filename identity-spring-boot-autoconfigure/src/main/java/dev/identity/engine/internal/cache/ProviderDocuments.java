package dev.identity.engine.internal.cache;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

import dev.identity.core.DiscoveryDocument;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.IdentityException;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.KeySet;
import dev.identity.engine.internal.EngineObserver;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.EngineTimer;
import dev.identity.engine.internal.transport.FetchedResponse;
import dev.identity.engine.internal.transport.HttpFetcher;
import dev.identity.engine.internal.transport.ProviderFailures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The discovery document and the JWK set of one issuer, cached: when each may be used,
 * fetched, refreshed ahead of expiry or served stale, and the one fetch of each that runs
 * at a time, whoever asked. No lock is held during a fetch.
 */
public final class ProviderDocuments {

	private static final Log logger = LogFactory.getLog(ProviderDocuments.class);

	/**
	 * Rounds of fetch-and-retry one caller may take: discovery, keys, one unknown-kid
	 * refresh.
	 */
	public static final int MAXIMUM_ROUNDS = 3;

	public static final String DISCOVERY = "discovery";

	static final String JWKS = "jwks";

	private final EngineSettings settings;

	private final Clock clock;

	private final EngineTimer timer;

	private final DoubleSupplier random;

	private final Executor background;

	private final URI discoveryUri;

	private final ProviderDocument<DiscoveryDocument> discovery;

	private final ProviderDocument<KeySet> jwks;

	private final EngineObserver observer;

	/**
	 * Create the caches.
	 * @param settings the issuer settings
	 * @param clock the clock
	 * @param timer runs the ends of shared waits and the deadlines of fetches
	 * @param random values in {@code [0, 1)} for the jitter of back-offs
	 * @param background where refreshes ahead of expiry run
	 * @param keysReplaced told of each JWK set read, before it is used
	 * @param observer told of each request to the provider
	 */
	public ProviderDocuments(EngineSettings settings, Clock clock, EngineTimer timer, DoubleSupplier random,
			Executor background, Consumer<KeySet> keysReplaced, EngineObserver observer) {
		this.observer = observer;
		this.settings = settings;
		this.clock = clock;
		this.timer = timer;
		this.random = random;
		this.background = background;
		this.discoveryUri = DiscoveryPolicy.discoveryUri(settings.issuer());
		DocumentReaders readers = new DocumentReaders(settings, keysReplaced);
		this.discovery = new ProviderDocument<>(DISCOVERY, settings.discoveryCache(), () -> this.discoveryUri,
				readers::discovery);
		this.jwks = new ProviderDocument<>(JWKS, settings.jwksCache(), this::jwksUri, readers::keys);
	}

	public URI discoveryUri() {
		return this.discoveryUri;
	}

	public ProviderDocument<DiscoveryDocument> discovery() {
		return this.discovery;
	}

	public ProviderDocument<KeySet> jwks() {
		return this.jwks;
	}

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

	/** The discovery document if it is usable without I/O, else {@code null}. */
	public @Nullable DiscoveryDocument cachedDiscovery() {
		CacheState<DiscoveryDocument> state = this.discovery.state();
		return isUsableNow(state, this.discovery.cache()) ? state.value() : null;
	}

	/** The JWK set if it is usable without I/O, else {@code null}. */
	public @Nullable KeySet cachedKeys() {
		CacheState<KeySet> state = this.jwks.state();
		return isUsableNow(state, this.jwks.cache()) ? state.value() : null;
	}

	private boolean isUsableNow(CacheState<?> state, CacheSettings cache) {
		CacheState.Decision decision = state.decide(this.clock.instant(), cache);
		return decision == CacheState.Decision.USE || decision == CacheState.Decision.USE_AND_REFRESH
				|| decision == CacheState.Decision.USE_STALE;
	}

	/**
	 * Whether a document's state may be used as it is, starting a refresh in the
	 * background when one is due.
	 * @return {@code false} when it must be fetched (or a fetch waited for) first
	 * @throws IdentityProviderException when the provider failed and nothing usable
	 * remains
	 */
	public boolean usable(ProviderDocument<?> document, CacheState<?> state, Instant now, HttpFetcher fetcher,
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
		return fetch(document, state, fetcher).handle((ignored, failure) -> null)
			.thenCompose((ignored) -> current(document, fetcher, round + 1));
	}

	private <T> void refreshInBackground(ProviderDocument<T> document, HttpFetcher fetcher) {
		if (document.flight() != null) {
			return;
		}
		// The task refreshes the state seen now: if several are queued before the first
		// runs, the later ones find the state replaced and fetch nothing.
		CacheState<T> observed = document.state();
		try {
			this.background.execute(() -> fetch(document, observed, fetcher));
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
	 * @param document the document
	 * @param observed the state the caller saw missing it
	 * @param fetcher the caller's transport
	 * @return completes when the caller may look at the state again; never fails
	 */
	public <T> CompletableFuture<Void> fetch(ProviderDocument<T> document, CacheState<T> observed,
			HttpFetcher fetcher) {
		Instant started = this.clock.instant();
		ProviderDocument.Flight mine = new ProviderDocument.Flight(started);
		ProviderDocument.Flight running = document.start(mine);
		if (running != null) {
			if (running.isLate(started, this.settings.fetches().sharedWait())) {
				return CompletableFuture.completedFuture(null);
			}
			// A caller that holds a thread waits only until the fetch is late; one that
			// holds none, until the fetch ends or its deadline passes.
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
			settle(document, mine, current, started, null,
					ProviderFailures.requestFailed(document.name(), this.discoveryUri, ex));
			return mine.done();
		}
		URI uri = null;
		CompletableFuture<FetchedResponse> response;
		try {
			URI target = document.uri();
			uri = target;
			response = this.observer.providerRequest(document.name(), () -> fetcher.get(document.name(), target));
			if (response == null) {
				throw new IllegalStateException("the transport returned no response");
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// A transport that throws instead of failing its future is still a failed
			// fetch: recorded, so the back-off applies to it too.
			URI failedUri = (uri != null) ? uri : this.discoveryUri;
			settle(document, mine, current, started, null,
					ProviderFailures.requestFailed(document.name(), failedUri, ex));
			return mine.done();
		}
		URI requested = uri;
		response.whenComplete((fetched, failure) -> {
			CacheState<T> next = null;
			IdentityProviderException error = null;
			try {
				if (failure != null) {
					throw ProviderFailures.requestFailed(document.name(), requested, failure);
				}
				next = current.succeeded(document.parse(fetched, requested), started,
						document.cache().ttl(fetched.cacheControl()));
			}
			catch (IdentityProviderException ex) {
				error = ex;
			}
			catch (RuntimeException ex) {
				error = ProviderFailures.requestFailed(document.name(), requested, ex);
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

}
