package dev.identity.engine.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.ValidatedToken;
import dev.identity.engine.internal.transport.ProviderFailures;
import org.jspecify.annotations.Nullable;

/**
 * Tells an engine's observer the outcome of each validation once, whichever path gave it:
 * the pass without I/O, or the validation that fetched first.
 */
final class ValidationOutcomes {

	private final EngineObserver observer;

	ValidationOutcomes(EngineObserver observer) {
		this.observer = observer;
	}

	/**
	 * The outcome of a pass without I/O: a validated token, a refusal, or a failure
	 * thrown; nothing when the pass ended needing a fetch ({@code null}), for the
	 * validation that follows it reports then.
	 * @param token the pass's answer
	 */
	@Nullable ValidatedToken reported(@Nullable ValidatedToken token) {
		if (token != null) {
			this.observer.validated();
		}
		return token;
	}

	/**
	 * Report a failure thrown by a pass without I/O.
	 * @param failure the failure
	 * @return the failure, to rethrow
	 */
	RuntimeException reported(RuntimeException failure) {
		report(failure);
		return failure;
	}

	/**
	 * The validation, reported when it completes. The future returned completes after the
	 * report, so whoever reads the counts after the answer finds it counted; and
	 * cancelling it cancels the validation, as cancelling the validation itself would.
	 * @param validation the validation
	 * @return the same outcome
	 */
	CompletableFuture<ValidatedToken> reported(CompletableFuture<ValidatedToken> validation) {
		if (this.observer == EngineObserver.NONE) {
			return validation;
		}
		CompletableFuture<ValidatedToken> reported = validation.whenComplete((token, failure) -> {
			if (failure == null) {
				this.observer.validated();
			}
			else {
				report(failure);
			}
		});
		reported.whenComplete((token, failure) -> {
			if (reported.isCancelled()) {
				validation.cancel(false);
			}
		});
		return reported;
	}

	private void report(Throwable failure) {
		Throwable cause = ProviderFailures.unwrap(failure);
		if (cause instanceof CancellationException) {
			// Nobody waits for the answer any more: not an outcome.
			return;
		}
		if (cause instanceof InvalidTokenException invalid) {
			this.observer.rejected(invalid.getFailures().get(0).check());
		}
		else {
			this.observer.failed(cause);
		}
	}

}
