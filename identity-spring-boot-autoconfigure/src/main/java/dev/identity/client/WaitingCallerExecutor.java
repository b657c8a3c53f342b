package dev.identity.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An executor whose tasks run on the one thread that waits, in
 * {@link #join(CompletableFuture)}, for the result they lead to. A blocking caller hands
 * it to the engine, so that once a fetch shared with other callers completes, its
 * validation goes on on its own thread, in parallel with theirs, instead of on the thread
 * that completed the fetch, one after the other.
 * <p>
 * One instance serves one call: the tasks are those of one future's chain, which cannot
 * complete before they have run, so none is left behind when {@code join} returns.
 */
final class WaitingCallerExecutor implements Executor {

	private static final Runnable WAKE_UP = () -> {
	};

	private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

	@Override
	public void execute(Runnable task) {
		this.tasks.add(task);
	}

	/**
	 * Run this executor's tasks on the calling thread until the future completes, then
	 * return its result. Waiting cannot be interrupted, as with
	 * {@link CompletableFuture#join()}; an interrupt is kept and restored on return.
	 * @param <T> the type of the result
	 * @param future the future the tasks lead to
	 * @return the result
	 * @throws RuntimeException the failure the future completed with, unwrapped
	 */
	<T> T join(CompletableFuture<T> future) {
		if (!future.isDone()) {
			future.whenComplete((result, failure) -> this.tasks.add(WAKE_UP));
			boolean interrupted = false;
			try {
				while (!future.isDone()) {
					try {
						this.tasks.take().run();
					}
					catch (InterruptedException ex) {
						interrupted = true;
					}
				}
			}
			finally {
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}
		return OAuthClient.join(future);
	}

}
