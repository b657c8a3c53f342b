package dev.identity.client;

import dev.identity.core.IdentityException;

/**
 * A blocking method was called on an event-loop thread where it would have had to wait:
 * for I/O or for a callback. The message names the {@code ...Async} method to use
 * instead.
 */
public class EventLoopBlockingException extends IdentityException {

	private static final long serialVersionUID = 1L;

	public EventLoopBlockingException(String message) {
		super(message);
	}

}
