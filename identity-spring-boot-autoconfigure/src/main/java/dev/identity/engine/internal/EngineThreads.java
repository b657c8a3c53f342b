package dev.identity.engine.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Where the engine refreshes documents ahead of expiry: the executor a caller gave, or a
 * small pool of the engine's own (at most two daemon threads, one per document) that
 * refuses work when both are busy, since a refresh already running makes another
 * pointless.
 */
final class EngineThreads implements AutoCloseable {

	private final Executor background;

	private final @Nullable ExecutorService owned;

	/**
	 * Use the given executor, or a pool of the engine's own.
	 * @param background the caller's executor, or {@code null}
	 */
	EngineThreads(@Nullable Executor background) {
		if (background != null) {
			this.background = background;
			this.owned = null;
		}
		else {
			ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
					new RefreshThreadFactory(), new ThreadPoolExecutor.DiscardPolicy());
			this.background = pool;
			this.owned = pool;
		}
	}

	/** The executor for refreshes in the background. */
	Executor background() {
		return this.background;
	}

	/** Stop the engine's own pool; an executor the caller gave stays theirs to stop. */
	@Override
	public void close() {
		if (this.owned != null) {
			this.owned.shutdownNow();
		}
	}

	private static final class RefreshThreadFactory implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable runnable) {
			Thread thread = new Thread(runnable, "identity-refresh-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
