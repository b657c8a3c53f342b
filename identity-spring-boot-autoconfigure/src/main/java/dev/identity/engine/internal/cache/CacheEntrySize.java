package dev.identity.engine.internal.cache;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.BiConsumer;

import dev.identity.core.ValidatedToken;
import org.jspecify.annotations.Nullable;

/**
 * The heap an entry of the {@link ValidatedTokenCache} keeps alive, estimated from what
 * it holds, so that the cache can be bounded in bytes whatever the tokens' size.
 * <p>
 * Counted: the map's node and its share of the map's table, the key digest, the entry,
 * the {@link ValidatedToken} with its expiry, header strings and token string, and its
 * claims as {@link dev.identity.core.internal.validation.TokenVerifier} reads them:
 * read-only wrappers around {@code LinkedHashMap}s (table and nodes) and
 * {@code ArrayList}s (with the slack of their growth), claim names, strings and boxed
 * numbers. Not counted: the public key, shared with the key set, and {@code Boolean}s,
 * which are shared constants.
 * <p>
 * The layout is HotSpot's on a 64-bit JVM with compressed references, the default for
 * heaps under 32 GB: 12-byte object headers, 4-byte references, 16-byte array headers,
 * 8-byte alignment. Claim names and small integers, which the JVM may share between
 * entries, are counted for every entry, so the estimate errs high. Strings are counted at
 * one byte per character (compact strings, the default): exact for the token, which is
 * ASCII; a claim of text outside Latin-1 takes a byte more per such character than
 * counted. On heaps of 32 GB and more (8-byte references) entries take up to a fifth more
 * than counted, a small share of such a heap.
 * <p>
 * Against the live heap measured per entry (identity-benchmarks' {@code CacheFootprint},
 * JDK 17): 1.19 times for a 750-character token (about 1.8 KB live; the claim names are
 * counted but shared), 1.00 for an 11,000-character token with 200 group ids (about 29.6
 * KB live). {@code CacheEntrySizeTests} holds the estimate to those figures.
 */
final class CacheEntrySize {

	private static final int HEADER = 12;

	private static final int REFERENCE = 4;

	private static final int ARRAY_HEADER = 16;

	/**
	 * The map's node, three slots of its table (the table stays between one and three
	 * quarters full), the digest and the entry itself.
	 */
	static final long ENTRY_OVERHEAD = align(HEADER + 4 + 3 * REFERENCE) + 3 * REFERENCE + align(HEADER + 4 * 8)
			+ align(HEADER + 5 * REFERENCE + 8 + 1);

	/** The token's object: six references; and its expiry, an {@code Instant}. */
	private static final long VALIDATED_TOKEN = align(HEADER + 6 * REFERENCE) + align(HEADER + 8 + 4);

	/** A {@code String}'s object, without its bytes. */
	private static final long STRING = align(HEADER + REFERENCE + 4 + 1 + 1);

	/** {@code Collections.unmodifiableMap}'s wrapper and the {@code LinkedHashMap}. */
	private static final long MAP = align(HEADER + 4 * REFERENCE) + align(HEADER + 6 * REFERENCE + 4 * 4 + 1);

	private static final long MAP_NODE = align(HEADER + 4 + 5 * REFERENCE);

	/** {@code Collections.unmodifiableList}'s wrapper and the {@code ArrayList}. */
	private static final long LIST = align(HEADER + 2 * REFERENCE) + align(HEADER + 4 + 4 + REFERENCE);

	/** Any value of a type the reader does not produce: a guess on the high side. */
	private static final long OTHER = 64;

	private CacheEntrySize() {
	}

	/**
	 * Estimate the bytes an entry for the token keeps alive.
	 * @param token a token as the engine validated it
	 * @return the estimate, in bytes
	 */
	static long of(ValidatedToken token) {
		Sum sum = new Sum();
		sum.bytes = ENTRY_OVERHEAD + VALIDATED_TOKEN + string(token.getTokenValue()) + string(token.getKeyId())
				+ string(token.getType());
		sum.map(token.getClaims());
		return sum.bytes;
	}

	private static long string(@Nullable String text) {
		return (text != null) ? STRING + align(ARRAY_HEADER + (long) text.length()) : 0;
	}

	/**
	 * A running total, walking the claims without allocating: this runs on every cache
	 * miss.
	 */
	private static final class Sum implements BiConsumer<Object, @Nullable Object> {

		private long bytes;

		@Override
		public void accept(Object name, @Nullable Object value) {
			this.bytes += MAP_NODE;
			value(name);
			value(value);
		}

		private void value(@Nullable Object value) {
			if (value == null || value instanceof Boolean) {
				return;
			}
			if (value instanceof String text) {
				this.bytes += string(text);
			}
			else if (value instanceof Map<?, ?> map) {
				map(map);
			}
			else if (value instanceof List<?> list) {
				list(list);
			}
			else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
				this.bytes += align(HEADER + 4);
			}
			else if (value instanceof Long || value instanceof Double) {
				this.bytes += align(HEADER + 8);
			}
			else if (value instanceof BigInteger number) {
				this.bytes += align(HEADER + REFERENCE + 5 * 4)
						+ align(ARRAY_HEADER + 4L * (number.bitLength() / 32 + 1));
			}
			else {
				this.bytes += OTHER;
			}
		}

		private void map(Map<?, ?> map) {
			this.bytes += MAP;
			if (!map.isEmpty()) {
				// A HashMap's table starts at 16 slots and doubles past three quarters
				// full.
				long slots = 16;
				while (map.size() > slots * 3 / 4) {
					slots *= 2;
				}
				this.bytes += align(ARRAY_HEADER + REFERENCE * slots);
			}
			map.forEach(this);
		}

		private void list(List<?> list) {
			this.bytes += LIST;
			int size = list.size();
			if (size > 0) {
				// An ArrayList's array starts at 10 and grows by half.
				long capacity = 10;
				while (capacity < size) {
					capacity += capacity >> 1;
				}
				this.bytes += align(ARRAY_HEADER + REFERENCE * capacity);
			}
			if (list instanceof RandomAccess) {
				// By index: an iterator would be an allocation per list.
				for (int i = 0; i < size; i++) {
					value(list.get(i));
				}
			}
			else {
				list.forEach(this::value);
			}
		}

	}

	private static long align(long bytes) {
		return (bytes + 7) & ~7L;
	}

}
