package dev.identity.client;

import dev.identity.core.ClaimsCheck;
import dev.identity.core.ValidatedToken;

/**
 * An application's own rule on a token whose signature and standard claims already
 * passed, run on the calling thread. It may block (e.g. look up a user in a database):
 * reactive callers run it off the event loop.
 */
@FunctionalInterface
public interface ClaimsValidator {

	/**
	 * Check the token.
	 * @param token the validated token
	 * @return the verdict, never {@code null}
	 */
	ClaimsCheck check(ValidatedToken token);

}
