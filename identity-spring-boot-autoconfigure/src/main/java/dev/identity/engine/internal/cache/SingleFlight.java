package dev.identity.engine.internal.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Coalesces concurrent loads of the same key into one: the first caller starts the work,
 * everyone else arriving while it runs gets the same future. No lock is held while the
 * work runs, and the key is released before the future completes, so a caller that sees
 * the result and asks again starts a fresh load.
 *
 * @param <K> the key type
 */
public final class SingleFlight<K> {

	private final ConcurrentHashMap<K, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();

	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> run(K key, Supplier<CompletableFuture<T>> work) {
		CompletableFuture<T> mine = new CompletableFuture<>();
		CompletableFuture<?> existing = this.inFlight.putIfAbsent(key, mine);
		if (existing != null) {
			return (CompletableFuture<T>) existing;
		}
		CompletableFuture<T> started;
		try {
			started = work.get();
		}
		catch (Throwable ex) {
			this.inFlight.remove(key, mine);
			mine.completeExceptionally(ex);
			return mine;
		}
		started.whenComplete((value, failure) -> {
			try {
				this.inFlight.remove(key, mine);
			}
			finally {
				if (failure != null) {
					mine.completeExceptionally(failure);
				}
				else {
					mine.complete(value);
				}
			}
		});
		return mine;
	}

	boolean isRunning(K key) {
		return this.inFlight.containsKey(key);
	}

}
