package dev.identity.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;

import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.cache.ValidationCacheStats;

/**
 * The heap the validated-token cache keeps alive per entry, measured, next to what the
 * cache counts: for tokens of about 750 characters and for Entra-style tokens with 200
 * group ids (about 11,000 characters), each with the default bounds (10,000 entries, 32
 * MB).
 * <p>
 * The live heap is measured after {@code System.gc()}, before and after distinct tokens
 * are validated through {@code OAuthClient}. The tokens are kept as bytes in both
 * measurements, and each is validated as a new {@code String}, as a request would bring
 * it: the cache's copy of the token is counted, as in a server. Run it on a quiet JVM:
 *
 * <pre>
 * java -cp identity-benchmarks/target/benchmarks.jar dev.identity.benchmarks.CacheFootprint [small] [large]
 * </pre>
 *
 * where {@code small} and {@code large} are how many tokens of each size to validate
 * (defaults 12,000 and 2,000: past both bounds).
 */
public final class CacheFootprint {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private CacheFootprint() {
	}

	public static void main(String[] args) throws Exception {
		int small = (args.length > 0) ? Integer.parseInt(args[0]) : 12_000;
		int large = (args.length > 1) ? Integer.parseInt(args[1]) : 2_000;
		System.out.println("| Token | Characters | Validated | Entries held | Counted (MB) | Live (MB) "
				+ "| Counted per entry (B) | Live per entry (B) | Counted / live |");
		System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
		measure("750-character", small, 0);
		measure("Entra-style, " + SignedTokens.ENTRA_GROUPS + " groups", large, SignedTokens.ENTRA_GROUPS);
	}

	private static void measure(String name, int count, int groups) throws Exception {
		try (Validators validators = Validators.start(SigningKey.RS256, EngineSettings.TokenCacheSettings.DEFAULT)) {
			validators.warm();
			SignedTokens signed = validators.sign(1, count, groups);
			byte[][] tokens = new byte[count][];
			for (int i = 0; i < count; i++) {
				tokens[i] = signed.token(i).getBytes(StandardCharsets.US_ASCII);
			}
			signed = null;
			ValidationCacheStats before = validators.engine().validationCacheStats();
			long base = liveHeap();
			for (byte[] token : tokens) {
				validators.oauthClient().validate(new String(token, StandardCharsets.US_ASCII));
			}
			long live = liveHeap() - base;
			ValidationCacheStats after = validators.engine().validationCacheStats();
			int entries = after.entries() - before.entries();
			long counted = after.bytes() - before.bytes();
			System.out.printf("| %s | %,d | %,d | %,d | %.1f | %.1f | %,d | %,d | %.2f |%n", name, tokens[0].length,
					count, entries, counted / 1e6, live / 1e6, counted / entries, live / entries,
					(double) counted / live);
		}
	}

	/** Used heap after full collections, once it no longer shrinks. */
	private static long liveHeap() throws InterruptedException {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 10; i++) {
			System.gc();
			Thread.sleep(100);
			long now = MEMORY.getHeapMemoryUsage().getUsed();
			if (now >= used) {
				return now;
			}
			used = now;
		}
		return used;
	}

}
