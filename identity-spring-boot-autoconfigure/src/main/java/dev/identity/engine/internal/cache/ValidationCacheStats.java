package dev.identity.engine.internal.cache;

/**
 * What the validated-token cache holds and how it has answered since the engine started.
 *
 * @param hits lookups that found the token's earlier verdict (which is then re-checked:
 * its time window and its key)
 * @param misses lookups that found none, so the token was verified
 * @param entries tokens remembered now
 * @param bytes heap those tokens keep alive now, as estimated; at most
 * {@link EngineSettings.TokenCacheSettings#maxBytes()}
 */
public record ValidationCacheStats(long hits, long misses, int entries, long bytes) {

	/** The counts of a cache that is off: all zero. */
	public static final ValidationCacheStats OFF = new ValidationCacheStats(0, 0, 0, 0);

}
