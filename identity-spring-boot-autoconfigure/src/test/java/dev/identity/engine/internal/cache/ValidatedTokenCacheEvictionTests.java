package dev.identity.engine.internal.cache;

import java.lang.reflect.Field;
import java.net.URI;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.ValidatedToken;
import dev.identity.core.ValidationPolicy;
import dev.identity.core.internal.CoreAccess;
import dev.identity.engine.internal.AccessTokenShapes;
import dev.identity.engine.internal.EngineFixture;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validated-token cache's bounds and eviction: it holds no more entries and no more
 * bytes than configured, whatever the tokens' size; eviction is close to least recently
 * used, so tokens cycled through more than it holds never hit; it counts its hits and
 * misses.
 */
class ValidatedTokenCacheEvictionTests {

	private final EngineFixture fixture = new EngineFixture();

	private final Instant now = this.fixture.clock.instant();

	private final Map<String, ValidatedToken> named = new HashMap<>();

	@Test
	void validateWhenDistinctTokensCycleThroughMoreThanTheCacheHoldsThenNoneIsEverAHit() {
		IdentityEngine engine = engine(new EngineSettings.TokenCacheSettings(true, 64));
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 256; i++) {
			tokens.add(AccessTokenShapes.sign(TestTokens.FIRST, this.fixture.provider.issuer(), this.now, i, 0));
		}
		for (int round = 0; round < 3; round++) {
			for (String token : tokens) {
				engine.validate(token, this.fixture.fetcher).join();
			}
		}
		ValidationCacheStats stats = engine.validationCacheStats();
		assertThat(stats.hits()).isZero();
		assertThat(stats.misses()).isEqualTo(3 * 256);
		assertThat(stats.entries()).isEqualTo(64);
	}

	@Test
	void validateWhenTokenSentAgainThenCountedAsAHit() {
		IdentityEngine engine = engine(EngineSettings.TokenCacheSettings.DEFAULT);
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		engine.validate(token, this.fixture.fetcher).join();
		engine.validate(token, this.fixture.fetcher).join();
		engine.validate(token, this.fixture.fetcher).join();
		ValidationCacheStats stats = engine.validationCacheStats();
		assertThat(stats.hits()).isEqualTo(2);
		assertThat(stats.misses()).isOne();
		assertThat(stats.entries()).isOne();
		assertThat(stats.bytes()).isPositive();
		assertThat(engine(EngineSettings.TokenCacheSettings.DISABLED).validationCacheStats())
			.isEqualTo(ValidationCacheStats.OFF);
	}

	@Test
	void putWhenFullThenAnEntryUsedSinceItsInsertionStaysAndTheOldestUnusedGoes() {
		ValidatedTokenCache cache = new ValidatedTokenCache(4, EngineSettings.TokenCacheSettings.DEFAULT_SIZE);
		for (String name : List.of("a", "b", "c", "d")) {
			put(cache, name);
		}
		assertThat(cache.get(token("a").getTokenValue())).isNotNull();
		put(cache, "e");
		assertThat(held(cache, "a", "b", "c", "d", "e")).containsExactlyInAnyOrder("a", "c", "d", "e");
		// "a" had its second chance: moved behind "d", and unused since, it goes next.
		put(cache, "f");
		put(cache, "g");
		put(cache, "h");
		assertThat(held(cache, "a", "c", "d", "e", "f", "g", "h")).containsExactlyInAnyOrder("e", "f", "g", "h");
	}

	@Test
	void putWhenEveryEntryWasUsedThenTheOldestGoesAfterAllHadTheirSecondChance() {
		ValidatedTokenCache cache = new ValidatedTokenCache(3, EngineSettings.TokenCacheSettings.DEFAULT_SIZE);
		for (String name : List.of("a", "b", "c")) {
			put(cache, name);
			cache.get(token(name).getTokenValue());
		}
		put(cache, "d");
		assertThat(held(cache, "a", "b", "c", "d")).containsExactlyInAnyOrder("b", "c", "d");
	}

	@Test
	void putWhenTheOldestEntryHasExpiredThenItGoesThoughUsed() {
		ValidatedTokenCache cache = new ValidatedTokenCache(2, EngineSettings.TokenCacheSettings.DEFAULT_SIZE);
		put(cache, "a");
		put(cache, "b");
		cache.get(token("a").getTokenValue());
		ValidatedToken c = token("c");
		assertThat(c.getExpiresAt()).isEqualTo(token("a").getExpiresAt());
		cache.put(c, CacheEntrySizeTests.claimsFootprint(c), publicKey(), c.getExpiresAt());
		assertThat(held(cache, "a", "b", "c")).containsExactlyInAnyOrder("b", "c");
	}

	@Test
	void validateWhenLargeTokensFillPastTheSizeThenTheirBytesStayWithinItAndFewerAreHeld() {
		long maxBytes = 512 * 1024;
		IdentityEngine engine = engine(new EngineSettings.TokenCacheSettings(true, 10_000, maxBytes));
		long entrySize = 0;
		for (int i = 0; i < 100; i++) {
			String token = AccessTokenShapes.sign(TestTokens.FIRST, this.fixture.provider.issuer(), this.now, i,
					AccessTokenShapes.GROUPS);
			ValidatedToken validated = engine.validate(token, this.fixture.fetcher).join();
			entrySize = Math.max(entrySize, CacheEntrySizeTests.entrySize(validated));
			assertThat(engine.validationCacheStats().bytes()).isLessThanOrEqualTo(maxBytes);
		}
		// Each entry keeps more than the token's 11,000 characters alive: its claims too.
		assertThat(entrySize).isGreaterThan(2 * 11_000);
		ValidationCacheStats stats = engine.validationCacheStats();
		assertThat(stats.entries()).isEqualTo((int) (maxBytes / entrySize));
		assertThat(stats.bytes()).isLessThanOrEqualTo(maxBytes).isGreaterThan(maxBytes - entrySize);
	}

	@Test
	void putWhenOneTokenTakesMoreThanTheWholeSizeThenItIsNotRememberedAndNothingIsEvicted() {
		ValidatedToken small = token("small");
		ValidatedTokenCache cache = new ValidatedTokenCache(10, CacheEntrySizeTests.entrySize(small) * 3);
		put(cache, "small");
		this.named.put("large", this.fixture.validate(AccessTokenShapes.sign(TestTokens.FIRST,
				this.fixture.provider.issuer(), this.now, 1, AccessTokenShapes.GROUPS)));
		put(cache, "large");
		assertThat(held(cache, "small", "large")).containsExactly("small");
		assertThat(cache.bytes()).isEqualTo(CacheEntrySizeTests.entrySize(small));
	}

	@Test
	void putWhenAnotherTokenEndsLikeAHeldOneThenItStaysUncachedAndTheHeldOneAnswersOnlyForItself() {
		ValidatedTokenCache cache = new ValidatedTokenCache(10, EngineSettings.TokenCacheSettings.DEFAULT_SIZE);
		ValidatedToken held = token("held");
		put(cache, "held");
		long bytes = cache.bytes();
		String value = held.getTokenValue();
		ValidatedToken sameEnd = CoreAccess.tokens()
			.create("x" + value.substring(1), held.getAlgorithm(), held.getKeyId(), held.getType(), held.getClaims(),
					held.getExpiresAt(), false);
		assertThat(ValidatedTokenCache.Key.of(sameEnd.getTokenValue())).isEqualTo(ValidatedTokenCache.Key.of(value));
		cache.put(sameEnd, CacheEntrySizeTests.claimsFootprint(held), publicKey(), this.now);
		assertThat(cache.get(sameEnd.getTokenValue())).isNull();
		assertThat(cache.get(value)).isNotNull().satisfies((entry) -> assertThat(entry.token()).isSameAs(held));
		assertThat(cache.size()).isOne();
		assertThat(cache.bytes()).isEqualTo(bytes);
		// A character past U+00FF packs to the same key as its low byte: still a miss.
		int last = value.length() - 1;
		String wide = value.substring(0, last) + (char) (value.charAt(last) + 0x100);
		assertThat(ValidatedTokenCache.Key.of(wide)).isEqualTo(ValidatedTokenCache.Key.of(value));
		assertThat(cache.get(wide)).isNull();
		assertThat(cache.stats().hits()).isOne();
		assertThat(cache.stats().misses()).isEqualTo(2);
	}

	@Test
	void entryWhenInspectedThenHoldsNothingTheTokenAlreadyCarries() {
		Set<Class<?>> fieldTypes = new HashSet<>();
		for (Field field : ValidatedTokenCache.Entry.class.getDeclaredFields()) {
			fieldTypes.add(field.getType());
		}
		// No token string, claims, expiry or nbf of its own: the ValidatedToken holds
		// those.
		assertThat(fieldTypes).containsExactlyInAnyOrder(ValidatedTokenCache.Key.class, ValidatedToken.class,
				PublicKey.class, long.class, boolean.class, ValidatedTokenCache.Entry.class);
	}

	/** A small token of its own for each name, signed at the same time as the others. */
	private ValidatedToken token(String name) {
		ValidatedToken token = this.named.get(name);
		if (token == null) {
			token = this.fixture.validate(AccessTokenShapes.sign(TestTokens.FIRST, this.fixture.provider.issuer(),
					this.now, this.named.size(), 0));
			this.named.put(name, token);
		}
		return token;
	}

	private void put(ValidatedTokenCache cache, String name) {
		ValidatedToken token = token(name);
		cache.put(token, CacheEntrySizeTests.claimsFootprint(token), publicKey(), this.now);
	}

	private static PublicKey publicKey() {
		try {
			return TestTokens.FIRST.toPublicKey();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Which of the names are held, looked at without marking them used. */
	private List<String> held(ValidatedTokenCache cache, String... names) {
		List<String> held = new ArrayList<>();
		for (String name : names) {
			if (cache.holds(token(name).getTokenValue())) {
				held.add(name);
			}
		}
		return held;
	}

	private IdentityEngine engine(EngineSettings.TokenCacheSettings tokenCache) {
		EngineSettings settings = new EngineSettings(URI.create(this.fixture.provider.issuer()),
				ValidationPolicy.withIssuer(this.fixture.provider.issuer()).build(), DiscoveryPolicy.STRICT,
				EngineFixture.DISCOVERY_CACHE, EngineFixture.JWKS_CACHE)
			.withTokenCache(tokenCache);
		return new IdentityEngine(settings, this.fixture.clock, this.fixture.background);
	}

}
