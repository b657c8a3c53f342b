package dev.identity.client;

/**
 * What a blocking method of {@link SmartOAuthClient} does when called on an event-loop
 * thread and it cannot answer from cache.
 */
public enum EventLoopPolicy {

	/** Throw an {@link EventLoopBlockingException} naming the {@code ...Async} method. */
	FAIL,
	/**
	 * Log a warning and block through the blocking transport (never through the event
	 * loop's own connection pool, which could deadlock). Meant for migrations, not for
	 * production.
	 */
	WARN

}
