package dev.identity.engine;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One daemon thread for every engine of the JVM; cancelled tasks leave its queue at once. */
final class SystemEngineTimer implements EngineTimer {

	static final SystemEngineTimer INSTANCE = new SystemEngineTimer();

	private final ScheduledExecutorService executor;

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
		ScheduledFuture<?> scheduled = this.executor.schedule(task, Math.max(0, delay.toMillis()),
				TimeUnit.MILLISECONDS);
		return () -> scheduled.cancel(false);
	}

}
