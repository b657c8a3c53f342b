package dev.identity.engine.internal.cache;

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
 * Tokens verified recently, so that a token sent with many requests is verified once. An
 * entry answers only for exactly the token it was made for ({@link Key}: found by the end
 * of the signature, then compared whole). Whether an entry may still be used (its time
 * window, its key still published) is the core's decision
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

	private final int maxEntries;

	private final long maxBytes;

	private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

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

	/**
	 * The entry of a token, marked as used, and counted as a hit or a miss. An entry is
	 * found by the end of the token's signature and answers only for exactly the token it
	 * was made for: the same signature after another header or payload is a miss.
	 * @param token the token as presented
	 * @return its entry, or {@code null}
	 */
	public @Nullable Entry get(String token) {
		Entry entry = this.entries.get(Key.of(token));
		if (entry == null || !entry.token.getTokenValue().equals(token)) {
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
	 * @param token the token as verified
	 * @param claimsFootprint the heap its claims take, as counted when they were read
	 * ({@link ParsedToken#getClaimsFootprint()})
	 * @param verifiedWith the key its signature was verified with
	 * @param now the current time
	 */
	public void put(ValidatedToken token, long claimsFootprint, PublicKey verifiedWith, Instant now) {
		long size = CacheEntrySize.of(token, claimsFootprint);
		if (size > this.maxBytes) {
			// Would push out everything else and still not fit.
			return;
		}
		Key key = Key.of(token.getTokenValue());
		Entry entry = new Entry(key, token, verifiedWith, size);
		synchronized (this.lock) {
			if (this.entries.putIfAbsent(key, entry) != null) {
				// Verified on two threads at once: the first verdict stays. (Or another
				// token whose signature ends the same: it stays uncached.)
				return;
			}
			// The new entry is not in the queue yet, so eviction cannot pick it.
			makeRoom(size, now);
			append(entry);
			this.count++;
			this.bytes += size;
		}
	}

	public void remove(Entry entry) {
		synchronized (this.lock) {
			if (this.entries.remove(entry.key, entry)) {
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
				remove(entry);
			}
		}
	}

	/**
	 * Whether the token's entry is held, without counting or marking it: for routing a
	 * token among issuers, which then validates it.
	 * @param token the token as presented
	 * @return whether an entry answers for exactly this token
	 */
	public boolean holds(String token) {
		Entry entry = this.entries.get(Key.of(token));
		return entry != null && entry.token.getTokenValue().equals(token);
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
				this.entries.remove(oldest.key, oldest);
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

		private final Key key;

		private final ValidatedToken token;

		private final PublicKey verifiedWith;

		/** Estimated bytes, as counted in the cache's total. */
		private final long size;

		/** Whether it was hit since eviction last looked at it. */
		private volatile boolean used;

		/** Neighbours in insertion order, guarded by the cache's lock. */
		private @Nullable Entry previous;

		private @Nullable Entry next;

		private Entry(Key key, ValidatedToken token, PublicKey verifiedWith, long size) {
			this.key = key;
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

	/**
	 * Where an entry is found: the last {@value #CHARACTERS} characters of its token, the
	 * end of the signature of any token that verified (about 90 bits of it). A signature
	 * is as good as random to anyone who did not receive the token, and no token is
	 * cached before its signature verified, so the entries of distinct tokens do not
	 * share a key and a caller cannot aim at one. The key only finds an entry: a hit also
	 * requires the whole token to be equal ({@link #get}), so a forged header or payload
	 * before a signature that was seen is a miss, and is verified.
	 * <p>
	 * A digest of the whole token would cost more than everything else a hit does, and
	 * would add nothing to that comparison. The comparison is the JDK's, word by word or
	 * wider, and returns at the first word that differs: only a caller that already holds
	 * the end of a token's signature reaches it, and its timing tells at most which word
	 * of the header, payload or signature differs, not which character.
	 */
	static final class Key {

		/** Characters read from the token's end: eight per {@code long}. */
		static final int CHARACTERS = 16;

		private final long last;

		private final long before;

		private Key(long last, long before) {
			this.last = last;
			this.before = before;
		}

		static Key of(String token) {
			int end = token.length();
			return new Key(pack(token, end - 8, end), pack(token, end - CHARACTERS, end - 8));
		}

		/** The low byte of each character: a token that is not ASCII is never cached. */
		private static long pack(String token, int from, int to) {
			long packed = 0;
			for (int i = Math.max(from, 0); i < to; i++) {
				packed = (packed << 8) | (token.charAt(i) & 0xFF);
			}
			return packed;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && this.last == key.last && this.before == key.before;
		}

		@Override
		public int hashCode() {
			return Long.hashCode(this.last ^ this.before);
		}

		@Override
		public String toString() {
			return "Key[" + CHARACTERS + " characters]";
		}

	}

}
