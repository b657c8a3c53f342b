package dev.identity.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

import dev.identity.core.IntrospectionResult;
import org.jspecify.annotations.Nullable;

/**
 * Introspection results, keyed by a SHA-256 hash of the token (never the token itself). An active
 * result lives no longer than the token's {@code exp} nor than the configured TTL; an inactive one
 * up to the TTL. Bounded in size.
 */
final class IntrospectionCache {

	static final int MAXIMUM_ENTRIES = 10_000;

	private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

	@Nullable IntrospectionResult get(String token, Instant now) {
		Entry entry = this.entries.get(key(token));
		return (entry != null && now.isBefore(entry.until())) ? entry.result() : null;
	}

	void put(String token, IntrospectionResult result, Instant now, Duration ttl) {
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
		if (this.entries.size() >= MAXIMUM_ENTRIES) {
			// Expired entries go first, then inactive ones (a flood of made-up tokens produces only
			// those), so the results of real, active tokens survive as long as possible.
			this.entries.values().removeIf((entry) -> !now.isBefore(entry.until()));
			if (this.entries.size() >= MAXIMUM_ENTRIES) {
				this.entries.values().removeIf((entry) -> !entry.result().isActive());
			}
			if (this.entries.size() >= MAXIMUM_ENTRIES) {
				this.entries.clear();
			}
		}
		this.entries.put(key(token), new Entry(result, until));
	}

	void evict(String token) {
		this.entries.remove(key(token));
	}

	static String key(String token) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	private record Entry(IntrospectionResult result, Instant until) {

	}

}
