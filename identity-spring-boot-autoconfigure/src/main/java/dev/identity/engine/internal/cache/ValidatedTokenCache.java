package dev.identity.engine.internal.cache;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import dev.identity.core.ValidatedToken;
import dev.identity.core.internal.validation.ParsedToken;
import org.jspecify.annotations.Nullable;

/**
 * Tokens verified recently, so that a token sent with many requests is verified once.
 * Keyed by the SHA-256 of the token, never the token itself. Whether an entry may still
 * be used (its time window, its key still published) is the core's decision
 * ({@link dev.identity.core.internal.validation.TokenVerifier#stillValid}), made on every
 * hit.
 * <p>
 * Bounded twice: in entries, and in the bytes the entries keep alive as
 * {@link CacheEntrySize} estimates them, so that large tokens (a few hundred group ids)
 * cannot take the heap that small ones would not.
 * <p>
 * Eviction is second chance (CLOCK) over the entries in insertion order, close to least
 * recently used: a hit only sets the entry's flag, so reads take no lock and write
 * nothing shared once the flag is set; when room is needed the oldest entry goes, unless
 * it was used since it was last looked at, in which case it loses its flag and moves to
 * the back. Expired entries go whatever their flag. Tokens cycled through more than the
 * cache holds therefore never hit, and no subset of them stays for good. Insertions,
 * removals and evictions share one lock: they follow a signature check, which costs a
 * hundred times more.
 */
public final class ValidatedTokenCache {

	private static final MessageDigest SHA_256;

	static {
		try {
			SHA_256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	/**
	 * A digest and its result per thread, copied from the one above: a token's key costs
	 * no digest state of its own. {@code digest} resets it after each use.
	 */
	private static final ThreadLocal<PerThread> PER_THREAD = ThreadLocal.withInitial(PerThread::new);

	private final int maxEntries;

	private final long maxBytes;

	private final Map<Digest, Entry> entries = new ConcurrentHashMap<>();

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	/** Guards the queue and the totals. */
	private final Object lock = new Object();

	/** The oldest entry: the next one eviction looks at. */
	private @Nullable Entry head;

	/** The newest entry. */
	private @Nullable Entry tail;

	private int count;

	/** Estimated bytes of the entries held, written under the lock. */
	private volatile long bytes;

	/**
	 * @param maxEntries most entries held at once
	 * @param maxBytes most bytes the entries may keep alive, as estimated
	 */
	public ValidatedTokenCache(int maxEntries, long maxBytes) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be at least 1");
		}
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be at least 1");
		}
		this.maxEntries = maxEntries;
		this.maxBytes = maxBytes;
	}

	/** The key of a token: its SHA-256. */
	public static Digest digest(String token) {
		return digest(token.getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * The key of a token from its characters as bytes, one byte each, as the verifier
	 * reads them too: a token that is not ASCII cannot be verified, so never cached.
	 */
	public static Digest digest(byte[] token) {
		PerThread digest = PER_THREAD.get();
		digest.sha.update(token);
		try {
			digest.sha.digest(digest.result, 0, digest.result.length);
		}
		catch (DigestException ex) {
			throw new IllegalStateException("SHA-256 digest does not fit 32 bytes", ex);
		}
		return new Digest(digest.result);
	}

	/**
	 * The entry of a token, marked as used, and counted as a hit or a miss.
	 */
	public @Nullable Entry get(Digest digest) {
		Entry entry = this.entries.get(digest);
		if (entry == null) {
			this.misses.increment();
			return null;
		}
		this.hits.increment();
		if (!entry.used) {
			// Read first: an entry hit on many threads is written once, not on every
			// hit.
			entry.used = true;
		}
		return entry;
	}

	/**
	 * Remember a verified token, evicting as the bounds require.
	 * @param digest its key
	 * @param token the token as verified
	 * @param claimsFootprint the heap its claims take, as counted when they were read
	 * ({@link ParsedToken#getClaimsFootprint()})
	 * @param verifiedWith the key its signature was verified with
	 * @param now the current time
	 */
	public void put(Digest digest, ValidatedToken token, long claimsFootprint, PublicKey verifiedWith, Instant now) {
		long size = CacheEntrySize.of(token, claimsFootprint);
		if (size > this.maxBytes) {
			// Would push out everything else and still not fit.
			return;
		}
		Entry entry = new Entry(digest, token, verifiedWith, size);
		synchronized (this.lock) {
			if (this.entries.putIfAbsent(digest, entry) != null) {
				// Verified on two threads at once: the first verdict stays.
				return;
			}
			// The new entry is not in the queue yet, so eviction cannot pick it.
			makeRoom(size, now);
			append(entry);
			this.count++;
			this.bytes += size;
		}
	}

	public void remove(Digest digest, Entry entry) {
		synchronized (this.lock) {
			if (this.entries.remove(digest, entry)) {
				forget(entry);
			}
		}
	}

	/**
	 * Drop every entry the predicate matches, e.g. those of a key that left the JWK set.
	 */
	public void removeIf(Predicate<Entry> stale) {
		// The predicate is tested without the lock: insertions need not wait for a
		// check of every entry.
		for (Entry entry : this.entries.values()) {
			if (stale.test(entry)) {
				remove(entry.digest, entry);
			}
		}
	}

	/** Whether the token's entry is held, without counting or marking it: for tests. */
	boolean contains(Digest digest) {
		return this.entries.containsKey(digest);
	}

	public int size() {
		return this.entries.size();
	}

	/** The estimated bytes the entries keep alive: at most the bound. */
	long bytes() {
		return this.bytes;
	}

	/** Hits, misses, entries and bytes, each read on its own (not one snapshot). */
	public ValidationCacheStats stats() {
		return new ValidationCacheStats(this.hits.sum(), this.misses.sum(), size(), this.bytes);
	}

	/**
	 * Evict until an entry of {@code size} bytes fits both bounds. Each entry gets one
	 * second chance per call at most, so readers setting flags cannot keep this going.
	 */
	private void makeRoom(long size, Instant now) {
		int secondChances = this.count;
		while (this.head != null && (this.count >= this.maxEntries || this.bytes + size > this.maxBytes)) {
			Entry oldest = this.head;
			unlink(oldest);
			if (oldest.used && secondChances-- > 0 && now.isBefore(oldest.token.getExpiresAt())) {
				oldest.used = false;
				append(oldest);
			}
			else {
				this.entries.remove(oldest.digest, oldest);
				this.count--;
				this.bytes -= oldest.size;
			}
		}
	}

	private void forget(Entry entry) {
		unlink(entry);
		this.count--;
		this.bytes -= entry.size;
	}

	private void append(Entry entry) {
		entry.previous = this.tail;
		entry.next = null;
		if (this.tail != null) {
			this.tail.next = entry;
		}
		else {
			this.head = entry;
		}
		this.tail = entry;
	}

	private void unlink(Entry entry) {
		if (entry.previous != null) {
			entry.previous.next = entry.next;
		}
		else {
			this.head = entry.next;
		}
		if (entry.next != null) {
			entry.next.previous = entry.previous;
		}
		else {
			this.tail = entry.previous;
		}
		entry.previous = null;
		entry.next = null;
	}

	/**
	 * A verified token and what a hit must re-check; nothing the token itself carries is
	 * held twice.
	 */
	public static final class Entry {

		private final Digest digest;

		private final ValidatedToken token;

		private final PublicKey verifiedWith;

		/** Estimated bytes, as counted in the cache's total. */
		private final long size;

		/** Whether it was hit since eviction last looked at it. */
		private volatile boolean used;

		/** Neighbours in insertion order, guarded by the cache's lock. */
		private @Nullable Entry previous;

		private @Nullable Entry next;

		private Entry(Digest digest, ValidatedToken token, PublicKey verifiedWith, long size) {
			this.digest = digest;
			this.token = token;
			this.verifiedWith = verifiedWith;
			this.size = size;
		}

		/** The token as verified. */
		public ValidatedToken token() {
			return this.token;
		}

		/** Its {@code nbf}, or {@code null}. */
		public @Nullable Instant notBefore() {
			return this.token.getNotBefore();
		}

		/** The key its signature was verified with. */
		public PublicKey verifiedWith() {
			return this.verifiedWith;
		}

	}

	/** A thread's SHA-256 and the array it writes into. */
	private static final class PerThread {

		private final MessageDigest sha;

		private final byte[] result = new byte[32];

		private PerThread() {
			try {
				this.sha = (MessageDigest) SHA_256.clone();
			}
			catch (CloneNotSupportedException ex) {
				throw new IllegalStateException("SHA-256 digest cannot be cloned", ex);
			}
		}

	}

	/** A SHA-256 as four longs: cheap to compare and hash. */
	public static final class Digest {

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
