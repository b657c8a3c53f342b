package dev.identity.engine.internal.cache;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.identity.engine.internal.transport.FetchedResponse;
import org.jspecify.annotations.Nullable;

/**
 * One cached provider document (the discovery document or the JWK set): its name, its
 * cache state, its cache settings, where it is fetched from, how it is read, and the
 * fetch of it in flight, if any.
 *
 * @param <T> the document's value
 */
public final class ProviderDocument<T> {

	private final String name;

	private final CacheSettings cache;

	private final Supplier<URI> uri;

	private final Parser<T> parser;

	private final AtomicReference<CacheState<T>> state = new AtomicReference<>(CacheState.empty());

	private final AtomicReference<@Nullable Flight> flight = new AtomicReference<>();

	ProviderDocument(String name, CacheSettings cache, Supplier<URI> uri, Parser<T> parser) {
		this.name = name;
		this.cache = cache;
		this.uri = uri;
		this.parser = parser;
	}

	String name() {
		return this.name;
	}

	public CacheSettings cache() {
		return this.cache;
	}

	URI uri() {
		return this.uri.get();
	}

	T parse(FetchedResponse response, URI from) {
		return this.parser.parse(response, from);
	}

	public CacheState<T> state() {
		// Starts empty and is only ever set to another state.
		return Objects.requireNonNull(this.state.get(), "state");
	}

	public void state(CacheState<T> next) {
		this.state.set(next);
	}

	/** The fetch in flight, or {@code null}. */
	public @Nullable Flight flight() {
		return this.flight.get();
	}

	/**
	 * Claim the right to fetch: at most one fetch of a document runs at a time.
	 * @param candidate the fetch about to start
	 * @return {@code null} when the candidate may start, else the fetch already running
	 */
	@Nullable Flight start(Flight candidate) {
		while (true) {
			if (this.flight.compareAndSet(null, candidate)) {
				return null;
			}
			Flight running = this.flight.get();
			if (running != null) {
				return running;
			}
		}
	}

	void finished(Flight flight) {
		this.flight.compareAndSet(flight, null);
	}

	@Override
	public String toString() {
		return this.name;
	}

	/**
	 * One fetch of the document. {@link #done()} completes when the fetch has ended (or
	 * its deadline passed); {@link #shared()} completes then too, or once the fetch has
	 * run for the shared wait, when it becomes {@linkplain #isLate late}: callers stop
	 * waiting for it.
	 */
	public static final class Flight {

		private final Instant startedAt;

		private final CompletableFuture<Void> done = new CompletableFuture<>();

		private final CompletableFuture<Void> shared = new CompletableFuture<>();

		private final AtomicBoolean late = new AtomicBoolean();

		private final AtomicBoolean settled = new AtomicBoolean();

		public Flight(Instant startedAt) {
			this.startedAt = startedAt;
		}

		Instant startedAt() {
			return this.startedAt;
		}

		CompletableFuture<Void> done() {
			return this.done;
		}

		CompletableFuture<Void> shared() {
			return this.shared;
		}

		/**
		 * Whether callers should no longer wait for this fetch.
		 * @param now the current time
		 * @param sharedWait how long callers wait for a fetch of another
		 * @return whether the shared wait is over and the fetch has not ended
		 */
		public boolean isLate(Instant now, Duration sharedWait) {
			return !this.done.isDone() && (this.late.get() || !now.isBefore(this.startedAt.plus(sharedWait)));
		}

		/** The shared wait is over: callers waiting for this fetch go on without it. */
		void becameLate() {
			this.late.set(true);
			this.shared.complete(null);
		}

		/**
		 * Settle the fetch once: the first of its response and its deadline wins.
		 * @return whether this call settled it
		 */
		boolean settle() {
			return this.settled.compareAndSet(false, true);
		}

		void end() {
			this.done.complete(null);
			this.shared.complete(null);
		}

	}

	@FunctionalInterface
	interface Parser<T> {

		T parse(FetchedResponse response, URI uri);

	}

}
