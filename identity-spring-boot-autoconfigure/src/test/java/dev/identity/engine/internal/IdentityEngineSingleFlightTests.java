package dev.identity.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.KeySet;
import dev.identity.core.TokenCheck;
import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.identity.engine.internal.EngineFixture.MINIMUM_REFRESH_INTERVAL;
import static dev.identity.engine.internal.EngineFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * N concurrent misses cost one request per document, whichever client flavor (transport)
 * asked.
 */
class IdentityEngineSingleFlightTests {

	private static final int CALLERS = 200;

	private final EngineFixture fixture = new EngineFixture();

	private final ScriptedProvider provider = this.fixture.provider;

	private final IdentityEngine engine = this.fixture.engine;

	private final ExecutorService pool = Executors.newFixedThreadPool(16);

	@AfterEach
	void stopPool() throws InterruptedException {
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void validateWhenTwoHundredConcurrentCallsOnColdCacheThenOneRequestPerDocument() throws Exception {
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		ScriptedProvider.Fetcher fetcher = this.provider.fetcher();
		this.provider.hold();

		List<CompletableFuture<ValidatedToken>> results = startTogether(
				(i) -> () -> this.engine.validate(token, fetcher));

		assertThat(results).noneMatch(CompletableFuture::isDone);
		assertThat(this.provider.discoveryRequests()).isOne();
		assertThat(this.provider.jwksRequests()).isZero();

		this.provider.release(this.provider.discoveryUri());
		assertThat(this.provider.jwksRequests()).isOne();
		assertThat(results).noneMatch(CompletableFuture::isDone);

		this.provider.release(this.provider.jwksUri());
		assertThat(results).allSatisfy((result) -> assertThat(result.join().getSubject()).isEqualTo("alice"));
		assertThat(this.provider.discoveryRequests()).isOne();
		assertThat(this.provider.jwksRequests()).isOne();
	}

	@Test
	void validateWhenConcurrentCallsUseTwoTransportsThenOneRequestPerDocument() throws Exception {
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		ScriptedProvider.Fetcher blocking = this.provider.fetcher();
		ScriptedProvider.Fetcher reactive = this.provider.fetcher();
		this.provider.hold();

		List<CompletableFuture<ValidatedToken>> results = startTogether(
				(i) -> () -> this.engine.validate(token, (i % 2 == 0) ? blocking : reactive));
		this.provider.release(this.provider.discoveryUri());
		this.provider.release(this.provider.jwksUri());

		assertThat(results).allSatisfy((result) -> assertThat(result.join().getKeyId()).isEqualTo("first"));
		assertThat(this.provider.discoveryRequests()).isOne();
		assertThat(this.provider.jwksRequests()).isOne();
		assertThat(blocking.requests() + reactive.requests()).isEqualTo(2);
	}

	@Test
	void validateWhenSecondTransportAsksDuringFetchThenItJoinsWithoutRequest() {
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		ScriptedProvider.Fetcher reactive = this.provider.fetcher();
		ScriptedProvider.Fetcher blocking = this.provider.fetcher();
		this.provider.hold();

		CompletableFuture<ValidatedToken> first = this.engine.validate(token, reactive);
		CompletableFuture<ValidatedToken> second = this.engine.validate(token, blocking);
		CompletableFuture<KeySet> keys = this.engine.keys(blocking);

		assertThat(reactive.requests()).isOne();
		assertThat(blocking.requests()).isZero();
		this.provider.release(this.provider.discoveryUri());
		this.provider.release(this.provider.jwksUri());

		assertThat(first).isCompleted();
		assertThat(second).isCompleted();
		assertThat(keys.join().contains("first")).isTrue();
		assertThat(this.provider.discoveryRequests()).isOne();
		assertThat(this.provider.jwksRequests()).isOne();
	}

	@Test
	void validateWhenTransportsAnswerAtOnceAndRaceOnColdCacheThenOneRequestPerDocument() throws Exception {
		// A blocking transport completes its future before returning; callers then do not
		// overlap in a
		// flight, and a caller that saw the old state must still not fetch again.
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		ScriptedProvider.Fetcher first = this.provider.fetcher();
		ScriptedProvider.Fetcher second = this.provider.fetcher();

		List<CompletableFuture<ValidatedToken>> results = startTogether(
				(i) -> () -> this.engine.validate(token, (i % 2 == 0) ? first : second));

		assertThat(results).allSatisfy((result) -> assertThat(result.join().getSubject()).isEqualTo("alice"));
		assertThat(this.provider.discoveryRequests()).isOne();
		assertThat(this.provider.jwksRequests()).isOne();
	}

	@Test
	void validateWhenManyUnknownKidsArriveDuringOneRefreshThenOneRequest() {
		this.fixture.warm();
		this.provider.serveKeys(TestTokens.FIRST, TestTokens.SECOND);
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);
		this.provider.hold();

		List<CompletableFuture<ValidatedToken>> forged = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			forged.add(this.engine.validate(this.fixture.tokens.signedBy(TestTokens.THIRD, "forged-" + i),
					this.fixture.fetcher));
		}
		CompletableFuture<ValidatedToken> rotated = this.engine
			.validate(this.fixture.tokens.signedBy(TestTokens.SECOND), this.fixture.fetcher);
		CompletableFuture<ValidatedToken> known = this.engine.validate(this.fixture.tokens.signedBy(TestTokens.FIRST),
				this.fixture.fetcher);

		assertThat(known).isCompleted();
		assertThat(this.provider.held(this.provider.jwksUri())).isOne();
		this.provider.release(this.provider.jwksUri());

		assertThat(forged)
			.allSatisfy((future) -> assertThat(failureOf(future)).isInstanceOfSatisfying(InvalidTokenException.class,
					(invalid) -> assertThat(invalid.hasFailed(TokenCheck.KEY)).isTrue()));
		assertThat(rotated.join().getKeyId()).isEqualTo("second");
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
	}

	/**
	 * Start every call at once from real threads and collect the futures the engine
	 * returned. Waiting on each task is how the test knows every future exists; it does
	 * not wait for I/O.
	 */
	private <T> List<CompletableFuture<T>> startTogether(IntFunction<Callable<CompletableFuture<T>>> call)
			throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<CompletableFuture<T>>> tasks = new ArrayList<>(CALLERS);
		for (int i = 0; i < CALLERS; i++) {
			Callable<CompletableFuture<T>> body = call.apply(i);
			tasks.add(this.pool.submit(() -> {
				start.await();
				return body.call();
			}));
		}
		start.countDown();
		List<CompletableFuture<T>> results = new ArrayList<>(CALLERS);
		for (Future<CompletableFuture<T>> task : tasks) {
			results.add(task.get(30, TimeUnit.SECONDS));
		}
		return results;
	}

}
