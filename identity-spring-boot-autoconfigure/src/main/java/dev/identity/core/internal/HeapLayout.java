package dev.identity.core.internal;

import java.math.BigInteger;

/**
 * What the objects a token's claims are read into take on the heap, so that the
 * validated-token cache can be bounded in bytes whatever the tokens' size. The claims are
 * counted as they are read, once per token, and each entry of the cache adds its own
 * objects.
 * <p>
 * The layout is HotSpot's on a 64-bit JVM with compressed references, the default for
 * heaps under 32 GB: 12-byte object headers, 4-byte references, 16-byte array headers,
 * 8-byte alignment. Strings are counted at one byte per character (compact strings, the
 * default): exact for a token, which is ASCII; a claim of text outside Latin-1 takes a
 * byte more per such character than counted. Claim names and small integers, which the
 * JVM may share between tokens, are counted for every token, so the estimate errs high.
 * On heaps of 32 GB and more (8-byte references) objects take up to a fifth more than
 * counted, a small share of such a heap.
 */
public final class HeapLayout {

	/** An object's header. */
	public static final int HEADER = 12;

	/** A reference. */
	public static final int REFERENCE = 4;

	/** An array's header, with its length. */
	public static final int ARRAY_HEADER = 16;

	/** A {@code String}'s object, without its bytes. */
	private static final long STRING = align(HEADER + REFERENCE + 4 + 1 + 1);

	/**
	 * A {@code LinkedHashMap} read-only: {@code Collections.unmodifiableMap}'s wrapper
	 * and the map, without its table.
	 */
	private static final long MAP = align(HEADER + 4 * REFERENCE) + align(HEADER + 6 * REFERENCE + 4 * 4 + 1);

	/** A {@code LinkedHashMap}'s node for one member. */
	private static final long MAP_NODE = align(HEADER + 4 + 5 * REFERENCE);

	/**
	 * An {@code ArrayList} read-only: {@code Collections.unmodifiableList}'s wrapper and
	 * the list, without its array.
	 */
	private static final long LIST = align(HEADER + 2 * REFERENCE) + align(HEADER + 4 + 4 + REFERENCE);

	/** A boxed {@code Integer}. */
	private static final long INTEGER = align(HEADER + 4);

	/** A boxed {@code Long} or {@code Double}. */
	private static final long LONG = align(HEADER + 8);

	private HeapLayout() {
	}

	/**
	 * The bytes an object of this many bytes of fields takes, header included: rounded up
	 * to the 8-byte alignment.
	 * @param bytes header and fields
	 * @return the aligned size
	 */
	public static long align(long bytes) {
		return (bytes + 7) & ~7L;
	}

	/**
	 * A string of Latin-1 text with its array.
	 * @param length its length in characters
	 * @return its bytes
	 */
	public static long string(int length) {
		return STRING + align(ARRAY_HEADER + (long) length);
	}

	/**
	 * A read-only {@code LinkedHashMap} with its table and nodes, not its keys and
	 * values.
	 * @param size its entries
	 * @return its bytes
	 */
	public static long map(int size) {
		long bytes = MAP + size * MAP_NODE;
		if (size > 0) {
			// The table starts at 16 slots and doubles past three quarters full.
			long slots = 16;
			while (size > slots * 3 / 4) {
				slots *= 2;
			}
			bytes += align(ARRAY_HEADER + REFERENCE * slots);
		}
		return bytes;
	}

	/**
	 * A read-only {@code ArrayList} with its array, not its elements.
	 * @param size its elements
	 * @return its bytes
	 */
	public static long list(int size) {
		long bytes = LIST;
		if (size > 0) {
			// The array starts at 10 and grows by half.
			long capacity = 10;
			while (capacity < size) {
				capacity += capacity >> 1;
			}
			bytes += align(ARRAY_HEADER + REFERENCE * capacity);
		}
		return bytes;
	}

	/**
	 * A boxed JSON number as the token reader gives it.
	 * @param number an {@code Integer}, {@code Long}, {@code BigInteger} or
	 * {@code Double}
	 * @return its bytes
	 */
	public static long number(Number number) {
		if (number instanceof Integer) {
			return INTEGER;
		}
		if (number instanceof BigInteger big) {
			return align(HEADER + REFERENCE + 5 * 4) + align(ARRAY_HEADER + 4L * (big.bitLength() / 32 + 1));
		}
		return LONG;
	}

}
