package dev.identity.core;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception raised by the identity client.
 * <p>
 * Messages never contain a whole token or a secret.
 */
public abstract class IdentityException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	protected IdentityException(String message) {
		super(message);
	}

	protected IdentityException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
