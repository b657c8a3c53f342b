package dev.identity.client;

import java.util.concurrent.CompletionException;

import dev.identity.core.ClaimsCheck;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.ValidatedToken;
import dev.identity.engine.internal.IdentityEngine;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The execution matrix for application callbacks, in one place for every client:
 * <table>
 * <tr>
 * <th>calling context</th>
 * <th>callback</th>
 * <th>action</th>
 * </tr>
 * <tr>
 * <td>blocking thread</td>
 * <td>blocking</td>
 * <td>call directly</td>
 * </tr>
 * <tr>
 * <td>blocking thread</td>
 * <td>reactive</td>
 * <td>subscribe and wait</td>
 * </tr>
 * <tr>
 * <td>event loop</td>
 * <td>reactive</td>
 * <td>compose</td>
 * </tr>
 * <tr>
 * <td>event loop</td>
 * <td>blocking</td>
 * <td>offload (reactive path) or refuse (blocking path)</td>
 * </tr>
 * </table>
 * A reactive callback is always run to completion; an empty result rejects the token.
 */
final class Callbacks {

	private Callbacks() {
	}

	/**
	 * Whether the current thread is an event loop (or another thread that must not
	 * block).
	 */
	static boolean onEventLoop() {
		return Schedulers.isInNonBlockingThread();
	}

	static ValidatedToken runBlocking(ValidatedToken token, ClaimsValidator validator) {
		return verdict(validator.check(token), validator).orThrow(token);
	}

	static ValidatedToken runBlocking(ValidatedToken token, ReactiveClaimsValidator validator, String method,
			String asyncMethod) {
		if (onEventLoop()) {
			throw new EventLoopBlockingException(
					method + " was given a ReactiveClaimsValidator on the event-loop thread '"
							+ Thread.currentThread().getName() + "', where it cannot wait for it; call " + asyncMethod
							+ " and compose the returned Mono");
		}
		ClaimsCheck check;
		try {
			check = validator.check(token).toFuture().join();
		}
		catch (CompletionException ex) {
			throw rethrow(ex);
		}
		return verdict(check, validator).orThrow(token);
	}

	static Mono<ValidatedToken> runReactive(ValidatedToken token, ReactiveClaimsValidator validator) {
		return Mono.defer(() -> validator.check(token))
			.map((check) -> check.orThrow(token))
			.switchIfEmpty(Mono.error(() -> emptyVerdict(validator)));
	}

	static Mono<ValidatedToken> runReactive(ValidatedToken token, ClaimsValidator validator, Scheduler offload) {
		return Mono.defer(() -> {
			Mono<ValidatedToken> call = Mono.fromCallable(() -> runBlocking(token, validator));
			return onEventLoop() ? call.subscribeOn(offload) : call;
		});
	}

	private static ClaimsCheck verdict(ClaimsCheck check, Object validator) {
		if (check == null) {
			throw emptyVerdict(validator);
		}
		return check;
	}

	private static InvalidTokenException emptyVerdict(Object validator) {
		return InvalidTokenException.of(TokenCheck.CUSTOM,
				"claims validator " + validator.getClass().getName() + " gave no verdict; the token is rejected");
	}

	static RuntimeException rethrow(Throwable failure) {
		Throwable cause = IdentityEngine.unwrap(failure);
		if (cause instanceof RuntimeException runtime) {
			return runtime;
		}
		if (cause instanceof Error error) {
			throw error;
		}
		return new IllegalStateException(cause);
	}

}
