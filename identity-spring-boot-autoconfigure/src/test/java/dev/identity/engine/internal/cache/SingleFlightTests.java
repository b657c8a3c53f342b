package dev.identity.engine.internal.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static dev.identity.engine.internal.EngineFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

class SingleFlightTests {

	private final SingleFlight<String> flights = new SingleFlight<>();

	private final AtomicInteger started = new AtomicInteger();

	@Test
	void runWhenSameKeyInFlightThenSharesFutureAndWorkRunsOnce() {
		CompletableFuture<String> work = new CompletableFuture<>();

		CompletableFuture<String> first = this.flights.run("jwks", () -> count(work));
		CompletableFuture<String> second = this.flights.run("jwks", () -> count(new CompletableFuture<>()));

		assertThat(second).isSameAs(first);
		assertThat(this.started).hasValue(1);
		assertThat(this.flights.isRunning("jwks")).isTrue();
		work.complete("keys");
		assertThat(first).isCompletedWithValue("keys");
		assertThat(this.flights.isRunning("jwks")).isFalse();
	}

	@Test
	void runWhenOtherKeyInFlightThenRunsIndependently() {
		CompletableFuture<String> discovery = this.flights.run("discovery", () -> count(new CompletableFuture<>()));
		CompletableFuture<String> jwks = this.flights.run("jwks", () -> count(new CompletableFuture<>()));

		assertThat(jwks).isNotSameAs(discovery);
		assertThat(this.started).hasValue(2);
	}

	@Test
	void runWhenCalledFromCompletionOfPreviousFlightThenStartsNewWork() {
		// A caller that sees the result and asks again must not be handed the finished
		// flight.
		CompletableFuture<String> work = new CompletableFuture<>();
		CompletableFuture<String> first = this.flights.run("jwks", () -> count(work));
		AtomicBoolean runningSeenByCallback = new AtomicBoolean(true);
		CompletableFuture<CompletableFuture<String>> next = first.thenApply((value) -> {
			runningSeenByCallback.set(this.flights.isRunning("jwks"));
			return this.flights.run("jwks", () -> count(CompletableFuture.completedFuture("again")));
		});

		work.complete("keys");

		assertThat(runningSeenByCallback).isFalse();
		assertThat(next.join()).isCompletedWithValue("again");
		assertThat(this.started).hasValue(2);
	}

	@Test
	void runWhenWorkFailsThenEveryCallerSeesFailureAndKeyIsReleased() {
		CompletableFuture<String> work = new CompletableFuture<>();
		CompletableFuture<String> first = this.flights.run("jwks", () -> count(work));
		CompletableFuture<String> second = this.flights.run("jwks", () -> count(new CompletableFuture<>()));
		IllegalStateException boom = new IllegalStateException("boom");

		work.completeExceptionally(boom);

		assertThat(failureOf(first)).isSameAs(boom);
		assertThat(failureOf(second)).isSameAs(boom);
		assertThat(this.flights.isRunning("jwks")).isFalse();
	}

	@Test
	void runWhenWorkThrowsThenFailedFutureAndKeyIsReleased() {
		IllegalStateException boom = new IllegalStateException("boom");

		CompletableFuture<String> failed = this.flights.run("jwks", () -> {
			throw boom;
		});

		assertThat(failureOf(failed)).isSameAs(boom);
		assertThat(this.flights.isRunning("jwks")).isFalse();
		assertThat(this.flights.run("jwks", () -> count(CompletableFuture.completedFuture("ok"))))
			.isCompletedWithValue("ok");
	}

	private <T> CompletableFuture<T> count(CompletableFuture<T> work) {
		this.started.incrementAndGet();
		return work;
	}

}
