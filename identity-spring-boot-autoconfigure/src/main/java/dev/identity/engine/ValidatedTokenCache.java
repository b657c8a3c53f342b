package dev.identity.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import dev.identity.core.ValidatedToken;
import org.jspecify.annotations.Nullable;

/**
 * Tokens verified recently, so that a token sent with many requests is verified once.
 * Keyed by the SHA-256 of the token, never the token itself; bounded in size. Whether an
 * entry may still be used (its time window, its key still published) is the core's
 * decision ({@link dev.identity.core.TokenVerifier#stillValid}), made on every hit.
 * <p>
 * When full, it first drops the entries whose token has expired, then a tenth of the
 * rest: eviction costs a constant amount per insertion, however many distinct tokens
 * arrive.
 */
final class ValidatedTokenCache {

	private static final MessageDigest SHA_256;

	static {
		try {
			SHA_256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	private final int maxEntries;

	private final Map<Digest, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicBoolean evicting = new AtomicBoolean();

	/**
	 * @param maxEntries most entries held at once
	 */
	ValidatedTokenCache(int maxEntries) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be at least 1");
		}
		this.maxEntries = maxEntries;
	}

	/** The key of a token: its SHA-256. */
	static Digest digest(String token) {
		MessageDigest sha;
		try {
			sha = (MessageDigest) SHA_256.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("SHA-256 digest cannot be cloned", ex);
		}
		return new Digest(sha.digest(token.getBytes(StandardCharsets.US_ASCII)));
	}

	@Nullable Entry get(Digest digest) {
		return this.entries.get(digest);
	}

	void put(Digest digest, ValidatedToken token, PublicKey verifiedWith, Instant now) {
		if (this.entries.size() >= this.maxEntries && !evict(now)) {
			// Full, and another thread is making room: this verdict is simply not
			// remembered, so the bound
			// holds however many threads insert at once.
			return;
		}
		this.entries.put(digest, new Entry(token, token.getNotBefore(), verifiedWith));
	}

	void remove(Digest digest, Entry entry) {
		this.entries.remove(digest, entry);
	}

	/**
	 * Drop every entry the predicate matches, e.g. those of a key that left the JWK set.
	 */
	void removeIf(Predicate<Entry> stale) {
		this.entries.values().removeIf(stale);
	}

	int size() {
		return this.entries.size();
	}

	/**
	 * @return whether this thread made room; {@code false} when another thread is
	 * evicting
	 */
	private boolean evict(Instant now) {
		if (!this.evicting.compareAndSet(false, true)) {
			return false;
		}
		try {
			this.entries.values().removeIf((entry) -> !now.isBefore(entry.token().getExpiresAt()));
			int excess = this.entries.size() - this.maxEntries + Math.max(1, this.maxEntries / 10);
			Iterator<Entry> iterator = this.entries.values().iterator();
			while (excess-- > 0 && iterator.hasNext()) {
				iterator.next();
				iterator.remove();
			}
			return true;
		}
		finally {
			this.evicting.set(false);
		}
	}

	/**
	 * A verified token and what a hit must re-check.
	 *
	 * @param token the token as verified
	 * @param notBefore its {@code nbf}, or {@code null}
	 * @param verifiedWith the key its signature was verified with
	 */
	record Entry(ValidatedToken token, @Nullable Instant notBefore, PublicKey verifiedWith) {

	}

	/** A SHA-256 as four longs: cheap to compare and hash. */
	static final class Digest {

		private final long a;

		private final long b;

		private final long c;

		private final long d;

		private Digest(byte[] sha256) {
			this.a = longAt(sha256, 0);
			this.b = longAt(sha256, 8);
			this.c = longAt(sha256, 16);
			this.d = longAt(sha256, 24);
		}

		private static long longAt(byte[] bytes, int offset) {
			long value = 0;
			for (int i = offset; i < offset + 8; i++) {
				value = (value << 8) | (bytes[i] & 0xFF);
			}
			return value;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Digest digest && this.a == digest.a && this.b == digest.b && this.c == digest.c
					&& this.d == digest.d;
		}

		@Override
		public int hashCode() {
			return Long.hashCode(this.a);
		}

		@Override
		public String toString() {
			return "Digest[" + Long.toHexString(this.a) + "...]";
		}

	}

}
