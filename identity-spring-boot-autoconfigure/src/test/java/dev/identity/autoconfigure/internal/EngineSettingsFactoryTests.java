package dev.identity.autoconfigure.internal;

import java.time.Duration;
import java.util.List;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.engine.internal.cache.CacheSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messages of invalid cache properties, each naming the properties to fix.
 */
class EngineSettingsFactoryTests {

	private static final String PREFIX = "identity.jwks";

	private final CacheSettings settings = settings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
			Duration.ofMinutes(1));

	@Test
	void cacheProblemsWhenConsistentThenNone() {
		assertThat(problems(this.settings)).isEmpty();
		assertThat(
				problems(settings(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ZERO)))
			.isEmpty();
	}

	@Test
	void cacheProblemsWhenRefreshAheadEqualsMinimumTtlThenReportedNamingBothProperties() {
		CacheSettings settings = settings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(5));
		assertThat(problems(settings)).singleElement()
			.asString()
			.contains("identity.jwks.refresh-ahead")
			.contains("identity.jwks.minimum-ttl");
	}

	@Test
	void cacheProblemsWhenRefreshAheadAboveMinimumTtlThenReported() {
		CacheSettings settings = settings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(10));
		assertThat(problems(settings)).singleElement().asString().contains("identity.jwks.refresh-ahead");
	}

	@Test
	void cacheProblemsWhenRefreshAheadNegativeThenReported() {
		CacheSettings settings = settings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofSeconds(-1));
		assertThat(problems(settings)).singleElement().asString().contains("identity.jwks.refresh-ahead");
	}

	@Test
	void cacheProblemsWhenMinimumTtlZeroThenReported() {
		CacheSettings settings = settings(Duration.ofHours(1), Duration.ZERO, Duration.ofHours(24), Duration.ZERO);
		assertThat(problems(settings))
			.anySatisfy((problem) -> assertThat(problem).isEqualTo("identity.jwks.minimum-ttl must be positive"));
	}

	@Test
	void cacheProblemsWhenMaximumBelowMinimumThenReported() {
		CacheSettings settings = settings(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(1),
				Duration.ZERO);
		assertThat(problems(settings))
			.anySatisfy((problem) -> assertThat(problem).startsWith("identity.jwks.maximum-ttl")
				.contains("identity.jwks.minimum-ttl"));
	}

	@Test
	void cacheProblemsWhenDefaultTtlOutsideBoundsThenReported() {
		CacheSettings settings = settings(Duration.ofDays(2), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ZERO);
		assertThat(problems(settings)).singleElement().asString().startsWith("identity.jwks.ttl");
		CacheSettings tooShort = settings(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ZERO);
		assertThat(problems(tooShort)).singleElement().asString().startsWith("identity.jwks.ttl");
	}

	@Test
	void cacheProblemsWhenMinimumRefreshIntervalNegativeThenReported() {
		CacheSettings settings = new CacheSettings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ZERO, Duration.ofSeconds(-1), Duration.ZERO);
		assertThat(problems(settings)).containsExactly("identity.jwks.minimum-refresh-interval must not be negative");
	}

	@Test
	void cacheProblemsWhenOutageToleranceNegativeThenReported() {
		CacheSettings settings = new CacheSettings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ZERO, Duration.ZERO, Duration.ofSeconds(-1));
		assertThat(problems(settings)).containsExactly("identity.jwks.outage-tolerance must not be negative");
	}

	@Test
	void cacheProblemsWhenADurationIsAbsurdlyLongThenNamedWithItsBound() {
		Duration absurd = Duration.ofDays(1_000_000_000L);
		CacheSettings absurdTolerance = new CacheSettings(Duration.ofHours(1), Duration.ofMinutes(5),
				Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofSeconds(30), absurd);
		assertThat(problems(absurdTolerance))
			.containsExactly(PREFIX + ".outage-tolerance (" + absurd + ") must not exceed 365 days");
		CacheSettings longest = new CacheSettings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(1), CacheSettings.LONGEST, CacheSettings.LONGEST);
		assertThat(problems(longest)).isEmpty();
	}

	private static List<String> problems(CacheSettings settings) {
		return CacheSettingsProblems.of(PREFIX, settings)
			.stream()
			.map(InvalidIdentityConfigurationException.Problem::reason)
			.toList();
	}

	private static CacheSettings settings(Duration ttl, Duration minimumTtl, Duration maximumTtl,
			Duration refreshAhead) {
		return new CacheSettings(ttl, minimumTtl, maximumTtl, refreshAhead, Duration.ofSeconds(30),
				Duration.ofHours(6));
	}

}
