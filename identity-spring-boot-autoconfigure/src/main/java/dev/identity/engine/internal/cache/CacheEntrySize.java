package dev.identity.engine.internal.cache;

import dev.identity.core.ValidatedToken;
import dev.identity.core.internal.HeapLayout;
import dev.identity.core.internal.validation.ParsedToken;
import org.jspecify.annotations.Nullable;

/**
 * The heap an entry of the {@link ValidatedTokenCache} keeps alive, estimated from what
 * it holds, so that the cache can be bounded in bytes whatever the tokens' size.
 * <p>
 * Counted: the map's node and its share of the map's table, its key, the entry, the
 * {@link ValidatedToken} with its expiry, header strings and token string, and its claims
 * as the parser counted them while reading ({@link ParsedToken#getClaimsFootprint()}:
 * read-only {@code LinkedHashMap}s and {@code ArrayList}s, claim names, strings and boxed
 * numbers), so that a miss does not walk the claims a second time. Not counted: the
 * public key, shared with the key set, and {@code Boolean}s, which are shared constants.
 * The layout is {@link HeapLayout}'s.
 * <p>
 * Against the live heap measured per entry (identity-benchmarks' {@code CacheFootprint},
 * JDK 17): 1.19 times for a 750-character token (about 1.8 KB live; the claim names are
 * counted but shared), 1.00 for an 11,000-character token with 200 group ids (about 29.6
 * KB live). {@code CacheEntrySizeTests} holds the estimate to those figures.
 */
final class CacheEntrySize {

	/**
	 * The map's node, three slots of its table (the table stays between one and three
	 * quarters full), the key (two {@code long}s) and the entry itself.
	 */
	static final long ENTRY_OVERHEAD = HeapLayout.align(HeapLayout.HEADER + 4 + 3 * HeapLayout.REFERENCE)
			+ 3 * HeapLayout.REFERENCE + HeapLayout.align(HeapLayout.HEADER + 2 * 8)
			+ HeapLayout.align(HeapLayout.HEADER + 5 * HeapLayout.REFERENCE + 8 + 1);

	/** The token's object: six references; and its expiry, an {@code Instant}. */
	private static final long VALIDATED_TOKEN = HeapLayout.align(HeapLayout.HEADER + 6 * HeapLayout.REFERENCE)
			+ HeapLayout.align(HeapLayout.HEADER + 8 + 4);

	private CacheEntrySize() {
	}

	/**
	 * Estimate the bytes an entry for the token keeps alive.
	 * @param token a token as the engine validated it
	 * @param claimsFootprint the heap of its claims, as counted when they were read
	 * @return the estimate, in bytes
	 */
	static long of(ValidatedToken token, long claimsFootprint) {
		return ENTRY_OVERHEAD + VALIDATED_TOKEN + string(token.getTokenValue()) + string(token.getKeyId())
				+ string(token.getType()) + claimsFootprint;
	}

	private static long string(@Nullable String text) {
		return (text != null) ? HeapLayout.string(text.length()) : 0;
	}

}
