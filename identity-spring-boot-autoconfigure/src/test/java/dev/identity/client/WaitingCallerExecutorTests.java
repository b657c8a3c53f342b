package dev.identity.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link WaitingCallerExecutor}: tasks run on the thread that joins, whoever submits them.
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
			Thread[] joiner = new Thread[1];
			Future<Boolean> interruptedAfterJoin = joining.submit(() -> {
				joiner[0] = Thread.currentThread();
				assertThat(executor.join(continued)).isEqualTo("verified");
				return Thread.currentThread().isInterrupted();
			});
			while (joiner[0] == null || joiner[0].getState() != Thread.State.WAITING) {
				Thread.onSpinWait();
			}
			joiner[0].interrupt();
			fetched.complete(null);
			assertThat(interruptedAfterJoin.get(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			joining.shutdownNow();
		}
	}

}
