package dev.identity.client;

import dev.identity.core.ClaimsCheck;
import dev.identity.core.ValidatedToken;
import reactor.core.publisher.Mono;

/**
 * An application's own non-blocking rule on a token whose signature and standard claims
 * already passed. The returned {@link Mono} is always subscribed to completion: an empty
 * {@code Mono} rejects the token.
 */
@FunctionalInterface
public interface ReactiveClaimsValidator {

	/**
	 * Check the token.
	 * @param token the validated token
	 * @return the verdict
	 */
	Mono<ClaimsCheck> check(ValidatedToken token);

}
