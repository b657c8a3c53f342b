package dev.identity.login;

import java.util.Objects;

import dev.identity.core.IdentityException;

/**
 * An authorization callback cannot complete the pending login: forged, replayed, from
 * another login, too late or malformed. The usual answer is to start a new login. The
 * message never contains the code or {@code state}.
 */
public class InvalidCallbackException extends IdentityException {

	private static final long serialVersionUID = 1L;

	private final CallbackCheck check;

	public InvalidCallbackException(CallbackCheck check, String description) {
		super("Login callback rejected: " + Objects.requireNonNull(check, "check") + ": " + description);
		this.check = check;
	}

	/** The check that failed. */
	public CallbackCheck getCheck() {
		return this.check;
	}

}
