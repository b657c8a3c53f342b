package dev.identity.engine.internal.cache;

import java.time.Instant;

import dev.identity.core.ValidatedToken;
import dev.identity.core.ValidationPolicy;
import dev.identity.core.internal.validation.TokenVerifier;
import dev.identity.engine.internal.AccessTokenShapes;
import dev.identity.engine.internal.EngineFixture;
import dev.identity.engine.internal.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The estimate of an entry's heap against the heap measured for tokens of the same shape
 * by identity-benchmarks' {@code CacheFootprint} (live heap after {@code System.gc()},
 * before and after filling the cache; JDK 17, compressed references, the cache's own copy
 * of each token included). The estimate may err high, where the JVM shares claim names
 * between entries, and must not fall short by more than the measurement's noise.
 */
class CacheEntrySizeTests {

	/** Live bytes per entry measured for 657-character tokens. */
	private static final long MEASURED_SMALL = 1_810;

	/** Live bytes per entry measured for 11,072-character tokens with 200 group ids. */
	private static final long MEASURED_LARGE = 29_555;

	/** Lowest estimate accepted, as a share of the measured bytes. */
	private static final double LOWEST = 0.98;

	/** Highest estimate accepted, as a share of the measured bytes. */
	private static final double HIGHEST = 1.25;

	private final EngineFixture fixture = new EngineFixture();

	@Test
	void ofWhenTokenOf750CharactersThenWithinToleranceOfTheMeasuredHeap() {
		ValidatedToken token = validate(0);
		assertThat(token.getTokenValue().length()).isCloseTo(657, within(40));
		assertThat(entrySize(token)).isBetween((long) (MEASURED_SMALL * LOWEST), (long) (MEASURED_SMALL * HIGHEST));
	}

	@Test
	void ofWhenEntraStyleTokenWith200GroupsThenWithinToleranceOfTheMeasuredHeap() {
		ValidatedToken token = validate(AccessTokenShapes.GROUPS);
		assertThat(token.getTokenValue().length()).isCloseTo(11_072, within(40));
		assertThat(entrySize(token)).isBetween((long) (MEASURED_LARGE * LOWEST), (long) (MEASURED_LARGE * HIGHEST));
	}

	@Test
	void ofWhenTokensDifferOnlyInSizeThenTheLargerCostsMore() {
		assertThat(entrySize(validate(AccessTokenShapes.GROUPS))).isGreaterThan(10 * entrySize(validate(0)));
		assertThat(entrySize(validate(0))).isGreaterThan(CacheEntrySize.ENTRY_OVERHEAD + 657);
	}

	/** The entry's estimate as the engine makes it: with the claims counted as parsed. */
	static long entrySize(ValidatedToken token) {
		return CacheEntrySize.of(token, claimsFootprint(token));
	}

	static long claimsFootprint(ValidatedToken token) {
		// Parsing does not depend on the policy: any will do.
		return new TokenVerifier(ValidationPolicy.withIssuer("https://any.example").build())
			.parse(token.getTokenValue())
			.getClaimsFootprint();
	}

	private ValidatedToken validate(int groups) {
		Instant now = this.fixture.clock.instant();
		return this.fixture
			.validate(AccessTokenShapes.sign(TestTokens.FIRST, this.fixture.provider.issuer(), now, 1, groups));
	}

}
