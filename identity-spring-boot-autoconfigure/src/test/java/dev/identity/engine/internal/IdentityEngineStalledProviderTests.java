package dev.identity.engine.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;

import static dev.identity.engine.internal.EngineFixture.JWKS_TTL;
import static dev.identity.engine.internal.EngineFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider that accepts a request and then stalls must not hold every caller: a fetch
 * has a deadline for its whole response, a caller waits for another's fetch only up to
 * the shared wait, and a fetch older than that is not joined at all; callers use the
 * cached document or fail at once. Time is the fixture's simulated clock and timer.
 */
class IdentityEngineStalledProviderTests {

	private static final EngineSettings.FetchLimits LIMITS = EngineSettings.FetchLimits.DEFAULT;

	private final EngineFixture fixture = new EngineFixture();

	private final ScriptedProvider provider = this.fixture.provider;

	private final IdentityEngine engine = this.fixture.engine;

	private final ScriptedProvider.Fetcher blocking = this.provider.blockingFetcher();

	@Test
	void validateWhenBlockingCallerJoinsStalledFetchThenWaitsOnlyUntilSharedWaitThenProviderFailure() {
		this.provider.hold();
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		CompletableFuture<ValidatedToken> first = this.engine.validate(token, this.blocking);
		this.fixture.timer.advance(Duration.ofMillis(100));
		CompletableFuture<ValidatedToken> joined = this.engine.validate(token, this.blocking);
		assertThat(this.provider.discoveryRequests()).isOne();

		this.fixture.timer.advance(LIMITS.sharedWait().minusMillis(101));
		assertThat(joined).isNotDone();
		this.fixture.timer.advance(Duration.ofMillis(1));

		assertThat(failureOf(joined)).isInstanceOfSatisfying(IdentityProviderException.class, (failure) -> {
			assertThat(failure.getEndpoint()).isEqualTo("discovery");
			assertThat(failure.getMessage()).contains("not waiting");
		});
		// The caller that started the fetch waits for it, up to its deadline.
		assertThat(first).isNotDone();
		assertThat(this.provider.discoveryRequests()).isOne();
	}

	@Test
	void validateWhenNonBlockingCallerJoinedInTimeThenWaitsForFetchUntilItsDeadline() {
		this.provider.hold();
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		this.engine.validate(token, this.fixture.fetcher);
		this.fixture.timer.advance(Duration.ofMillis(100));
		CompletableFuture<ValidatedToken> joined = this.engine.validate(token, this.fixture.fetcher);

		this.fixture.timer.advance(LIMITS.sharedWait());
		assertThat(joined).isNotDone();
		// Callers that come once the fetch is late do not join it, whatever their
		// transport.
		assertThat(failureOf(this.engine.validate(token, this.fixture.fetcher)))
			.isInstanceOf(IdentityProviderException.class);

		this.provider.release(this.provider.discoveryUri());
		this.provider.release(this.provider.jwksUri());
		this.provider.release(this.provider.jwksUri());
		assertThat(joined.join().getSubject()).isEqualTo("alice");
	}

	@Test
	void validateWhenNonBlockingCallerJoinedAndFetchPassesDeadlineThenProviderFailure() {
		this.provider.hold();
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		this.engine.validate(token, this.fixture.fetcher);
		CompletableFuture<ValidatedToken> joined = this.engine.validate(token, this.fixture.fetcher);

		this.fixture.timer.advance(LIMITS.deadline().minusMillis(1));
		assertThat(joined).isNotDone();
		this.fixture.timer.advance(Duration.ofMillis(1));
		assertThat(failureOf(joined)).isInstanceOf(IdentityProviderException.class);
	}

	@Test
	void validateWhenFetchAlreadyLateThenFailsAtOnceWithoutRequestOrWait() {
		this.provider.hold();
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		this.engine.validate(token, this.fixture.fetcher);
		this.fixture.timer.advance(LIMITS.sharedWait());

		List<CompletableFuture<ValidatedToken>> late = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			late.add(this.engine.validate(token, this.fixture.fetcher));
		}

		assertThat(late).allSatisfy(
				(result) -> assertThat(failureOf(result)).isInstanceOfSatisfying(IdentityProviderException.class,
						(failure) -> assertThat(failure.getMessage()).contains("started 250 ms ago; not waiting")));
		assertThat(this.provider.discoveryRequests()).isOne();
	}

	@Test
	void validateWhenKeysExpiredAndRefreshStalledThenLaterCallersUseCachedKeys() {
		this.fixture.warm();
		this.fixture.clock.advance(JWKS_TTL);
		this.provider.hold();
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		CompletableFuture<ValidatedToken> refreshing = this.engine.validate(token, this.blocking);
		CompletableFuture<ValidatedToken> waiting = this.engine.validate(token, this.blocking);
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
		assertThat(waiting).isNotDone();

		this.fixture.timer.advance(LIMITS.sharedWait());

		assertThat(waiting.join().getKeyId()).isEqualTo("first");
		assertThat(this.fixture.validate(TestTokens.FIRST).getKeyId()).isEqualTo("first");
		assertThat(refreshing).isNotDone();
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
	}

	@Test
	void validateWhenUnknownKidAndRefreshStalledThenKeyRejectedAtOnce() {
		this.fixture.warm();
		this.provider.hold();
		CompletableFuture<ValidatedToken> refreshing = this.engine
			.validate(this.fixture.tokens.signedBy(TestTokens.SECOND), this.fixture.fetcher);
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
		this.fixture.timer.advance(LIMITS.sharedWait());

		Throwable rejected = failureOf(
				this.engine.validate(this.fixture.tokens.forged("other", new Random(3)), this.fixture.fetcher));
		assertThat(rejected).isInstanceOfSatisfying(InvalidTokenException.class,
				(invalid) -> assertThat(invalid.hasFailed(TokenCheck.KEY)).isTrue());
		assertThat(this.fixture.validate(TestTokens.FIRST).getKeyId()).isEqualTo("first");
		assertThat(refreshing).isNotDone();
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
	}

	@Test
	void validateWhenFetchPassesDeadlineThenFailsAndLateAnswerIsIgnored() {
		this.provider.hold();
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		CompletableFuture<ValidatedToken> first = this.engine.validate(token, this.fixture.fetcher);

		this.fixture.timer.advance(LIMITS.deadline().minusMillis(1));
		assertThat(first).isNotDone();
		this.fixture.timer.advance(Duration.ofMillis(1));

		assertThat(failureOf(first)).isInstanceOfSatisfying(IdentityProviderException.class,
				(failure) -> assertThat(failure.getMessage()).contains("no complete response within 10000 ms"));
		// The answer that comes after the deadline changes nothing: the failure and its
		// back-off stand.
		this.provider.release(this.provider.discoveryUri());
		assertThat(failureOf(this.engine.validate(token, this.fixture.fetcher)))
			.isInstanceOf(IdentityProviderException.class);
		assertThat(this.provider.discoveryRequests()).isOne();
		assertThat(this.fixture.timer.pending()).isZero();
	}

	@Test
	void validateWhenFetchAnswersInTimeThenTimersCancelled() {
		this.fixture.warm();
		assertThat(this.fixture.timer.pending()).isZero();
	}

	@Test
	void keysWhenFetchLateThenProviderFailureAtOnce() {
		this.provider.hold();
		CompletableFuture<?> first = this.engine.keys(this.fixture.fetcher);
		this.fixture.timer.advance(LIMITS.sharedWait());

		assertThat(failureOf(this.engine.keys(this.fixture.fetcher))).isInstanceOfSatisfying(
				IdentityProviderException.class, (failure) -> assertThat(failure.getMessage()).contains("not waiting"));
		assertThat(first).isNotDone();
	}

	@Test
	void validateWhenTimerRefusesThenFetchRecordedFailedAndNoFlightLeftBehind() {
		AtomicInteger refusals = new AtomicInteger(1);
		EngineTimer refusingOnce = (task, delay) -> {
			if (refusals.getAndDecrement() > 0) {
				throw new RejectedExecutionException("timer shut down");
			}
			return this.fixture.timer.schedule(task, delay);
		};
		IdentityEngine engine = new IdentityEngine(this.engine.getSettings(), this.fixture.clock,
				this.fixture.background, refusingOnce, () -> 0.0);
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);

		assertThat(failureOf(engine.validate(token, this.fixture.fetcher)))
			.isInstanceOf(IdentityProviderException.class);
		assertThat(this.provider.discoveryRequests()).isZero();

		this.fixture.clock.advance(EngineFixture.FIRST_BACKOFF);
		CompletableFuture<ValidatedToken> again = engine.validate(token, this.fixture.fetcher);
		assertThat(again.join().getSubject()).isEqualTo("alice");
		assertThat(this.fixture.timer.pending()).isZero();
	}

}
