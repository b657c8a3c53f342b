package dev.identity.engine.internal.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

import dev.identity.core.IdentityProviderException;
import dev.identity.core.IntrospectionResult;
import org.jspecify.annotations.Nullable;

/**
 * Introspection results, keyed by a SHA-256 hash of the token (never the token itself).
 * An active result lives no longer than the token's {@code exp} nor than the configured
 * TTL; an inactive one up to the TTL; a provider failure for the failure TTL. Bounded in
 * size, whatever anonymous requests send.
 */
public final class IntrospectionCache {

	static final int MAXIMUM_ENTRIES = 10_000;

	private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

	public @Nullable IntrospectionResult get(String token, Instant now) {
		Entry entry = this.entries.get(key(token));
		return (entry != null && now.isBefore(entry.until())) ? entry.result() : null;
	}

	/**
	 * The provider's recent failure to introspect a token, answered again without asking
	 * it.
	 * @param token the token
	 * @param now the current time
	 * @return the failure, or {@code null}
	 */
	public @Nullable IdentityProviderException failure(String token, Instant now) {
		Entry entry = this.entries.get(key(token));
		return (entry != null && now.isBefore(entry.until())) ? entry.failure() : null;
	}

	public void putFailure(String token, IdentityProviderException failure, Instant now, Duration ttl) {
		if (ttl.isZero() || ttl.isNegative()) {
			return;
		}
		store(key(token), new Entry(null, failure, now.plus(ttl)), now);
	}

	public void put(String token, IntrospectionResult result, Instant now, Duration ttl) {
		if (ttl.isZero() || ttl.isNegative()) {
			return;
		}
		Instant until = now.plus(ttl);
		Instant exp = result.getExpiresAt();
		if (result.isActive() && exp != null && exp.isBefore(until)) {
			until = exp;
		}
		if (!now.isBefore(until)) {
			return;
		}
		store(key(token), new Entry(result, null, until), now);
	}

	private void store(String key, Entry entry, Instant now) {
		if (this.entries.size() >= MAXIMUM_ENTRIES) {
			// Expired entries go first, then inactive results and failures (a flood of
			// made-up tokens
			// produces only those), so the results of real, active tokens survive as long
			// as possible.
			this.entries.values().removeIf((existing) -> !now.isBefore(existing.until()));
			if (this.entries.size() >= MAXIMUM_ENTRIES) {
				this.entries.values()
					.removeIf((existing) -> existing.result() == null || !existing.result().isActive());
			}
			if (this.entries.size() >= MAXIMUM_ENTRIES) {
				this.entries.clear();
			}
		}
		this.entries.put(key, entry);
	}

	int size() {
		return this.entries.size();
	}

	public void evict(String token) {
		this.entries.remove(key(token));
	}

	public static String key(String token) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	/** A result or a failure, until a moment. */
	private record Entry(@Nullable IntrospectionResult result, @Nullable IdentityProviderException failure,
			Instant until) {

	}

}
