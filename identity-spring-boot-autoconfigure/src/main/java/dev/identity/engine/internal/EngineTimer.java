package dev.identity.engine.internal;

import java.time.Duration;

/**
 * Runs a short task after a delay: the end of the wait for a shared fetch, and the
 * deadline of a fetch. Tasks only complete futures; they never perform I/O. Tests give
 * the engine a timer driven by their simulated clock.
 */
@FunctionalInterface
public interface EngineTimer {

	/**
	 * Run a task after a delay.
	 * @param task the task
	 * @param delay how long from now
	 * @return cancels the task when it has not run yet
	 */
	Runnable schedule(Runnable task, Duration delay);

	/**
	 * The timer of the JVM's engines: one daemon thread, shared.
	 * @return the timer
	 */
	static EngineTimer system() {
		return SystemEngineTimer.INSTANCE;
	}

}
