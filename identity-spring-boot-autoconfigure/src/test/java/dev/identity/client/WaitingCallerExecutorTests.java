package dev.identity.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link WaitingCallerExecutor}: tasks run on the thread that joins, whoever submits
 * them.
 */
class WaitingCallerExecutorTests {

	private final ExecutorService other = Executors.newSingleThreadExecutor();

	@AfterEach
	void stop() {
		this.other.shutdownNow();
	}

	@Test
	void joinWhenTaskSubmittedFromAnotherThreadThenItRunsOnTheJoiningThread() {
		WaitingCallerExecutor executor = new WaitingCallerExecutor();
		CompletableFuture<Void> fetched = new CompletableFuture<>();
		CompletableFuture<Thread> continued = fetched.thenApplyAsync((ignored) -> Thread.currentThread(), executor);

		this.other.submit(() -> fetched.complete(null));

		assertThat(executor.join(continued)).isSameAs(Thread.currentThread());
	}

	@Test
	void joinWhenAlreadyCompleteThenResultAtOnce() {
		assertThat(new WaitingCallerExecutor().join(CompletableFuture.completedFuture("done"))).isEqualTo("done");
	}

	@Test
	void joinWhenTaskFailsThenFailureUnwrapped() {
		WaitingCallerExecutor executor = new WaitingCallerExecutor();
		CompletableFuture<Void> fetched = new CompletableFuture<>();
		CompletableFuture<Object> continued = fetched.thenApplyAsync((ignored) -> {
			throw InvalidTokenException.of(TokenCheck.SIGNATURE, "signature does not verify");
		}, executor);
		this.other.submit(() -> fetched.complete(null));

		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> executor.join(continued))
			.withMessageContaining("signature does not verify");
	}

	@Test
	void joinWhenInterruptedThenKeepsWaitingAndRestoresTheInterrupt() throws Exception {
		WaitingCallerExecutor executor = new WaitingCallerExecutor();
		CompletableFuture<Void> fetched = new CompletableFuture<>();
		CompletableFuture<String> continued = fetched.thenApplyAsync((ignored) -> "verified", executor);
		ExecutorService joining = Executors.newSingleThreadExecutor();
		try {
			AtomicReference<Thread> joiner = new AtomicReference<>();
			Future<Boolean> interruptedAfterJoin = joining.submit(() -> {
				joiner.set(Thread.currentThread());
				assertThat(executor.join(continued)).isEqualTo("verified");
				return Thread.currentThread().isInterrupted();
			});
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (joiner.get() == null || joiner.get().getState() != Thread.State.WAITING) {
				assertThat(System.nanoTime()).as("waiting until the joining thread waits").isLessThan(deadline);
				Thread.onSpinWait();
			}
			joiner.get().interrupt();
			fetched.complete(null);
			assertThat(interruptedAfterJoin.get(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			joining.shutdownNow();
		}
	}

}
