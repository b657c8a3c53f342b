package dev.identity.browser.internal;

import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.OAuthErrorException;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.login.AuthorizationErrorException;
import dev.identity.login.InvalidCallbackException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The answer to a failed login step: which exception becomes which HTTP status and which
 * text for the user, and what is logged. Thread-safe.
 */
public final class LoginFailures {

	// The category the login's failures have always been logged under, so that logging
	// configurations keep working.
	private static final Log logger = LogFactory.getLog(BrowserLoginFlow.class);

	LoginFailures() {
	}

	/**
	 * The answer to a failed login step, or {@code null} when the failure is not one of
	 * the login's (a bug, which the endpoint lets propagate). The reason is fit for the
	 * browser: it names the failed check, never a code, token or {@code state}.
	 * @param failure what a step threw or signalled
	 * @return the status and reason, or {@code null}
	 */
	public @Nullable LoginFailure answer(Throwable failure) {
		LoginFailure answer = classify(IdentityEngine.unwrap(failure));
		if (answer != null) {
			if (answer.status().is5xxServerError()) {
				logger.warn("Login failed: " + failure.getMessage());
			}
			else if (logger.isDebugEnabled()) {
				// Anyone can send a forged callback: refusals must not flood the log.
				logger.debug("Login refused: " + failure.getMessage());
			}
		}
		return answer;
	}

	private static @Nullable LoginFailure classify(Throwable failure) {
		if (failure instanceof InvalidCallbackException callback) {
			return new LoginFailure(HttpStatus.BAD_REQUEST,
					"The login could not be completed (" + callback.getCheck() + "); please start it again.");
		}
		if (failure instanceof AuthorizationErrorException error) {
			return error.isAccessDenied() ? new LoginFailure(HttpStatus.FORBIDDEN, "The login was declined.")
					: new LoginFailure(HttpStatus.UNAUTHORIZED,
							"The identity provider refused the login (error=" + error.getError() + ").");
		}
		if (failure instanceof InvalidTokenException) {
			return new LoginFailure(HttpStatus.UNAUTHORIZED, "The identity provider's answer could not be verified.");
		}
		if (failure instanceof OAuthErrorException) {
			return new LoginFailure(HttpStatus.BAD_REQUEST,
					"The identity provider did not accept the login's code; please start the login again.");
		}
		if (failure instanceof IdentityProviderException) {
			return new LoginFailure(HttpStatus.BAD_GATEWAY,
					"The identity provider could not be reached; please try again later.");
		}
		return null;
	}

	/**
	 * The answer to a failed login step.
	 *
	 * @param status the HTTP status
	 * @param reason a short text for the user, free of codes, tokens and {@code state}
	 */
	public record LoginFailure(HttpStatus status, String reason) {

	}

}
