package dev.identity.core.internal;

/**
 * What a caught exception says went wrong, for a message of our own: its message, or its
 * type when it carries none (the JDK allows a {@code null} message).
 */
public final class FailureReason {

	private FailureReason() {
	}

	/**
	 * The reason a failure gives.
	 * @param failure the failure
	 * @return its message, or its simple class name when it has no message
	 */
	public static String of(Throwable failure) {
		String message = failure.getMessage();
		return (message != null) ? message : failure.getClass().getSimpleName();
	}

}
