package dev.identity.engine.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Collects background work instead of running it, so a test decides when (and whether) a
 * refresh ahead of expiry happens and nothing runs concurrently with the test.
 */
public final class QueueExecutor implements Executor {

	private final Queue<Runnable> tasks = new ArrayDeque<>();

	@Override
	public synchronized void execute(Runnable task) {
		this.tasks.add(task);
	}

	public synchronized int size() {
		return this.tasks.size();
	}

	/**
	 * Run the queued tasks, including any queued while running.
	 * @return how many ran
	 */
	public int runAll() {
		int ran = 0;
		Runnable task;
		while ((task = poll()) != null) {
			task.run();
			ran++;
		}
		return ran;
	}

	private synchronized Runnable poll() {
		return this.tasks.poll();
	}

}
