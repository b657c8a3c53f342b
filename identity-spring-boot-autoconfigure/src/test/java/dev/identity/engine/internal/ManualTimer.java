package dev.identity.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An engine timer on simulated time: tasks fall due on the test's clock and run only when
 * the test calls {@link #runDue()}, on the test's thread.
 */
public final class ManualTimer implements EngineTimer {

	private final MutableClock clock;

	private final List<Scheduled> tasks = new ArrayList<>();

	private long sequence;

	public ManualTimer(MutableClock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized Runnable schedule(Runnable task, Duration delay) {
		Scheduled scheduled = new Scheduled(this.clock.instant().plus(delay), this.sequence++, task);
		this.tasks.add(scheduled);
		return () -> cancel(scheduled);
	}

	private synchronized void cancel(Scheduled scheduled) {
		this.tasks.remove(scheduled);
	}

	/** Tasks scheduled and neither run nor cancelled. */
	public synchronized int pending() {
		return this.tasks.size();
	}

	/**
	 * Run every task due by the clock's time, in the order they fall due.
	 * @return how many ran
	 */
	public int runDue() {
		int ran = 0;
		Scheduled next;
		while ((next = nextDue()) != null) {
			next.task().run();
			ran++;
		}
		return ran;
	}

	/** Move the clock and run what falls due. */
	public int advance(Duration duration) {
		this.clock.advance(duration);
		return runDue();
	}

	private synchronized Scheduled nextDue() {
		Instant now = this.clock.instant();
		Scheduled due = this.tasks.stream()
			.filter((task) -> !task.at().isAfter(now))
			.min(Comparator.comparing(Scheduled::at).thenComparingLong(Scheduled::sequence))
			.orElse(null);
		if (due != null) {
			this.tasks.remove(due);
		}
		return due;
	}

	private record Scheduled(Instant at, long sequence, Runnable task) {

	}

}
