package dev.identity.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when a test says so, so that expiry, refresh intervals and
 * outage tolerance can be crossed to the second without waiting.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	public MutableClock(Instant start) {
		this.now = new AtomicReference<>(start);
	}

	public MutableClock() {
		this(Instant.parse("2026-01-01T00:00:00Z"));
	}

	public void advance(Duration duration) {
		this.now.updateAndGet((current) -> current.plus(duration));
	}

	/**
	 * Move to the given instant, forwards or backwards (as a stepped system clock may).
	 */
	public void set(Instant instant) {
		this.now.set(instant);
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		// Engine code reads instants only; a zone change must not detach a copy from
		// advance().
		return this;
	}

}
