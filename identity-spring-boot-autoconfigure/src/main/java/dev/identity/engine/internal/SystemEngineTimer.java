package dev.identity.engine.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for every engine of the JVM; cancelled tasks leave its queue at once.
 * A task that falls due is handed to a daemon thread of its own pool: completing a future
 * runs what waits on it, which for a blocking caller may be a request to the provider,
 * and the timer must stay on time for every other engine.
 */
final class SystemEngineTimer implements EngineTimer {

	static final SystemEngineTimer INSTANCE = new SystemEngineTimer();

	private final ScheduledExecutorService executor;

	private final ExecutorService tasks = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "identity-timer-task");
		thread.setDaemon(true);
		return thread;
	});

	private SystemEngineTimer() {
		ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "identity-timer");
			thread.setDaemon(true);
			return thread;
		});
		pool.setRemoveOnCancelPolicy(true);
		this.executor = pool;
	}

	@Override
	public Runnable schedule(Runnable task, Duration delay) {
		// Delays are bounded at start-up (at most a day); the cap only guards the
		// arithmetic.
		long millis = (delay.compareTo(Duration.ofDays(1)) > 0) ? Duration.ofDays(1).toMillis()
				: Math.max(0, delay.toMillis());
		ScheduledFuture<?> scheduled = this.executor.schedule(() -> this.tasks.execute(task), millis,
				TimeUnit.MILLISECONDS);
		return () -> scheduled.cancel(false);
	}

}
