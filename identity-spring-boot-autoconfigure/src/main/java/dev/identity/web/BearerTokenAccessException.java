package dev.identity.web;

import dev.identity.core.BearerTokens;
import dev.identity.core.IdentityException;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.internal.FailureReason;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A request cannot reach a handler that needs its bearer token, with the answer it gets:
 * 401 {@code invalid_token} when the token is missing or invalid, 403
 * {@code insufficient_scope} when a valid token lacks what the handler requires (RFC 6750
 * §3.1), 503 when the identity provider could not be asked. Rendered by
 * {@link BearerTokenAccessExceptionHandler}.
 * <p>
 * {@link #getDescription()} is meant for the client; the message, for the log, may say
 * more (which claim or role was missing). Neither ever holds the token.
 */
public class BearerTokenAccessException extends IdentityException {

	private static final long serialVersionUID = 1L;

	private static final String UNAVAILABLE = "the identity provider cannot be reached to validate the token; "
			+ "try again later";

	private final HttpStatus status;

	private final String error;

	private final String description;

	private final @Nullable String challenge;

	private BearerTokenAccessException(String message, HttpStatus status, String error, String description,
			@Nullable String challenge) {
		super(message);
		this.status = status;
		this.error = error;
		this.description = description;
		this.challenge = challenge;
	}

	private BearerTokenAccessException(String message, HttpStatus status, String error, String description,
			@Nullable String challenge, Throwable cause) {
		super(message, cause);
		this.status = status;
		this.error = error;
		this.description = description;
		this.challenge = challenge;
	}

	/**
	 * The request carries no bearer token: 401 {@code invalid_token}.
	 * @return the exception
	 */
	public static BearerTokenAccessException missingToken() {
		return new BearerTokenAccessException("Request has no bearer token", HttpStatus.UNAUTHORIZED, "invalid_token",
				BearerTokens.describe(null), BearerTokens.invalidToken(null, null));
	}

	/**
	 * The bearer token was rejected: 401 {@code invalid_token}. The client is told which
	 * kinds of check failed ({@link BearerTokens#describe(InvalidTokenException)}); the
	 * message, for the log, has every detail.
	 * @param failure why it was rejected
	 * @return the exception
	 */
	public static BearerTokenAccessException invalidToken(InvalidTokenException failure) {
		return new BearerTokenAccessException(FailureReason.of(failure), HttpStatus.UNAUTHORIZED, "invalid_token",
				BearerTokens.describe(failure), BearerTokens.invalidToken(failure, null), failure);
	}

	/**
	 * The token could not be validated because the identity provider failed: 503, without
	 * a challenge, since no other token would fare better.
	 * @param failure the provider's failure
	 * @return the exception
	 */
	public static BearerTokenAccessException providerUnavailable(IdentityProviderException failure) {
		return new BearerTokenAccessException("Token not validated: " + failure.getMessage(),
				HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable", UNAVAILABLE, null, failure);
	}

	/**
	 * A valid token lacks what the handler requires: 403 {@code insufficient_scope}. The
	 * client is told which kind of privilege is missing, not which value.
	 * @param kind what kind of privilege is missing: {@code role}, {@code permission},
	 * {@code scope} or {@code claim}
	 * @param scope the scope to name in the challenge (RFC 6750 §3), or {@code null}
	 * @param reason what is missing, for the log only
	 * @return the exception
	 */
	public static BearerTokenAccessException insufficient(String kind, @Nullable String scope, String reason) {
		String description = "the token lacks a " + kind + " this resource requires";
		return new BearerTokenAccessException(reason, HttpStatus.FORBIDDEN, "insufficient_scope", description,
				BearerTokens.insufficientScope(scope, null, description));
	}

	/**
	 * The answer a failure of token validation deserves.
	 * @param failure what validation raised
	 * @return a {@code BearerTokenAccessException} for an invalid token or a provider
	 * failure, else {@code failure} itself
	 */
	public static RuntimeException translate(RuntimeException failure) {
		if (failure instanceof InvalidTokenException invalid) {
			return invalidToken(invalid);
		}
		if (failure instanceof IdentityProviderException provider) {
			return providerUnavailable(provider);
		}
		return failure;
	}

	/** HTTP status of the answer: 401, 403 or 503. */
	public HttpStatus getStatus() {
		return this.status;
	}

	/**
	 * Error code of the answer: {@code invalid_token} or {@code insufficient_scope} (RFC
	 * 6750 §3.1), or {@code temporarily_unavailable} for a provider failure.
	 */
	public String getError() {
		return this.error;
	}

	/** Human-readable description for the client. */
	public String getDescription() {
		return this.description;
	}

	/**
	 * {@code WWW-Authenticate} value of the answer (RFC 6750 §3), or {@code null} for a
	 * provider failure.
	 */
	public @Nullable String getChallenge() {
		return this.challenge;
	}

}
