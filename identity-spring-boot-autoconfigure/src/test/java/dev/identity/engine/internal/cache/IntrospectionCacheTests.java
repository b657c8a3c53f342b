package dev.identity.engine.internal.cache;

import java.time.Duration;
import java.time.Instant;

import dev.identity.core.IntrospectionResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntrospectionCacheTests {

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	private static final Duration TTL = Duration.ofSeconds(30);

	private static IntrospectionResult active(Instant exp) {
		return IntrospectionResult.parse("{\"active\":true,\"sub\":\"alice\",\"exp\":" + exp.getEpochSecond() + "}");
	}

	@Test
	void getWhenActiveThenReusedUntilTtl() {
		IntrospectionCache cache = new IntrospectionCache();
		cache.put("token-a", active(NOW.plusSeconds(600)), NOW, TTL);
		assertThat(cache.get("token-a", NOW.plusSeconds(29))).isNotNull();
		assertThat(cache.get("token-a", NOW.plusSeconds(30))).isNull();
	}

	@Test
	void getWhenTokenExpiresBeforeTtlThenNotReusedPastExp() {
		IntrospectionCache cache = new IntrospectionCache();
		cache.put("token-a", active(NOW.plusSeconds(10)), NOW, TTL);
		assertThat(cache.get("token-a", NOW.plusSeconds(9))).isNotNull();
		assertThat(cache.get("token-a", NOW.plusSeconds(10))).isNull();
	}

	@Test
	void putWhenTtlZeroThenNothingCached() {
		IntrospectionCache cache = new IntrospectionCache();
		cache.put("token-a", active(NOW.plusSeconds(600)), NOW, Duration.ZERO);
		assertThat(cache.get("token-a", NOW)).isNull();
	}

	@Test
	void putWhenFullOfInactiveResultsThenActiveOnesSurvive() {
		IntrospectionCache cache = new IntrospectionCache();
		cache.put("real-token", active(NOW.plusSeconds(600)), NOW, TTL);
		for (int i = 0; i < IntrospectionCache.MAXIMUM_ENTRIES; i++) {
			cache.put("made-up-" + i, IntrospectionResult.inactive(), NOW, TTL);
		}
		assertThat(cache.get("real-token", NOW)).isNotNull();
		assertThat(cache.get("made-up-0", NOW)).isNull();
	}

	@Test
	void keyWhenComputedThenHashNotToken() {
		assertThat(IntrospectionCache.key("secret-token")).doesNotContain("secret-token").hasSize(44);
	}

}
