package dev.identity.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Document lifetimes from {@code Cache-Control}, and the consistency of the settings.
 */
class CacheSettingsTests {

	private static final String PREFIX = "identity.jwks";

	private final CacheSettings settings = settings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
			Duration.ofMinutes(1));

	@Test
	void ttlWhenNoHeaderThenDefault() {
		assertThat(this.settings.ttl(null)).isEqualTo(Duration.ofHours(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "public", "", "private, must-revalidate", "s-maxage=600", "max-age=soon", "max-age=-",
			"max-age=" })
	void ttlWhenNoReadableMaxAgeThenDefault(String cacheControl) {
		assertThat(this.settings.ttl(cacheControl)).isEqualTo(Duration.ofHours(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "max-age=600", "public, max-age=600", "MAX-AGE=600", "max-age=\"600\"",
			"public,max-age=600,must-revalidate" })
	void ttlWhenMaxAgeWithinBoundsThenMaxAge(String cacheControl) {
		assertThat(this.settings.ttl(cacheControl)).isEqualTo(Duration.ofMinutes(10));
	}

	@ParameterizedTest
	@ValueSource(strings = { "max-age=60", "max-age=1", "max-age=-5" })
	void ttlWhenMaxAgeBelowMinimumThenMinimum(String cacheControl) {
		assertThat(this.settings.ttl(cacheControl)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void ttlWhenMaxAgeAboveMaximumThenMaximum() {
		assertThat(this.settings.ttl("max-age=31536000")).isEqualTo(Duration.ofHours(24));
	}

	/**
	 * RFC 9111 §1.2.2: a delta-seconds too large to represent is the greatest lifetime,
	 * not an invalid one.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "max-age=99999999999999999999", "max-age=\"99999999999999999999\"",
			"max-age=9223372036854775807" })
	void ttlWhenMaxAgeBeyondWhatALongHoldsThenMaximum(String cacheControl) {
		assertThat(this.settings.ttl(cacheControl)).isEqualTo(Duration.ofHours(24));
	}

	@ParameterizedTest
	@ValueSource(strings = { "no-cache", "no-store", "max-age=0", "NO-STORE", "max-age=600, no-cache",
			"no-store, max-age=600", "private, no-cache" })
	void ttlWhenProviderForbidsCachingThenMinimum(String cacheControl) {
		assertThat(this.settings.ttl(cacheControl)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void ttlWhenDefaultOutsideBoundsThenClamped() {
		assertThat(
				settings(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ZERO).ttl(null))
			.isEqualTo(Duration.ofMinutes(5));
		assertThat(settings(Duration.ofDays(2), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ZERO).ttl(null))
			.isEqualTo(Duration.ofHours(1));
	}

	@Test
	void problemsWhenConsistentThenNone() {
		assertThat(this.settings.problems(PREFIX)).isEmpty();
		assertThat(settings(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ZERO)
			.problems(PREFIX)).isEmpty();
	}

	@Test
	void problemsWhenRefreshAheadEqualsMinimumTtlThenReportedNamingBothProperties() {
		CacheSettings settings = settings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(5));
		assertThat(settings.problems(PREFIX)).singleElement()
			.asString()
			.contains("identity.jwks.refresh-ahead")
			.contains("identity.jwks.minimum-ttl");
	}

	@Test
	void problemsWhenRefreshAheadAboveMinimumTtlThenReported() {
		CacheSettings settings = settings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(10));
		assertThat(settings.problems(PREFIX)).singleElement().asString().contains("identity.jwks.refresh-ahead");
	}

	@Test
	void problemsWhenRefreshAheadNegativeThenReported() {
		CacheSettings settings = settings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofSeconds(-1));
		assertThat(settings.problems(PREFIX)).singleElement().asString().contains("identity.jwks.refresh-ahead");
	}

	@Test
	void problemsWhenMinimumTtlZeroThenReported() {
		CacheSettings settings = settings(Duration.ofHours(1), Duration.ZERO, Duration.ofHours(24), Duration.ZERO);
		assertThat(settings.problems(PREFIX))
			.anySatisfy((problem) -> assertThat(problem).isEqualTo("identity.jwks.minimum-ttl must be positive"));
	}

	@Test
	void problemsWhenMaximumBelowMinimumThenReported() {
		CacheSettings settings = settings(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(1),
				Duration.ZERO);
		assertThat(settings.problems(PREFIX))
			.anySatisfy((problem) -> assertThat(problem).startsWith("identity.jwks.maximum-ttl")
				.contains("identity.jwks.minimum-ttl"));
	}

	@Test
	void problemsWhenDefaultTtlOutsideBoundsThenReported() {
		CacheSettings settings = settings(Duration.ofDays(2), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ZERO);
		assertThat(settings.problems(PREFIX)).singleElement().asString().startsWith("identity.jwks.ttl");
		CacheSettings tooShort = settings(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ZERO);
		assertThat(tooShort.problems(PREFIX)).singleElement().asString().startsWith("identity.jwks.ttl");
	}

	@Test
	void problemsWhenMinimumRefreshIntervalNegativeThenReported() {
		CacheSettings settings = new CacheSettings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ZERO, Duration.ofSeconds(-1), Duration.ZERO);
		assertThat(settings.problems(PREFIX))
			.containsExactly("identity.jwks.minimum-refresh-interval must not be negative");
	}

	@Test
	void problemsWhenOutageToleranceNegativeThenReported() {
		CacheSettings settings = new CacheSettings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ZERO, Duration.ZERO, Duration.ofSeconds(-1));
		assertThat(settings.problems(PREFIX)).containsExactly("identity.jwks.outage-tolerance must not be negative");
	}

	@Test
	void constructorWhenAnyArgumentNullThenNullPointerException() {
		Duration d = Duration.ofMinutes(1);
		assertThatNullPointerException().isThrownBy(() -> new CacheSettings(null, d, d, d, d, d));
		assertThatNullPointerException().isThrownBy(() -> new CacheSettings(d, null, d, d, d, d));
		assertThatNullPointerException().isThrownBy(() -> new CacheSettings(d, d, null, d, d, d));
		assertThatNullPointerException().isThrownBy(() -> new CacheSettings(d, d, d, null, d, d));
		assertThatNullPointerException().isThrownBy(() -> new CacheSettings(d, d, d, d, null, d));
		assertThatNullPointerException().isThrownBy(() -> new CacheSettings(d, d, d, d, d, null));
	}

	private static CacheSettings settings(Duration ttl, Duration minimumTtl, Duration maximumTtl,
			Duration refreshAhead) {
		return new CacheSettings(ttl, minimumTtl, maximumTtl, refreshAhead, Duration.ofSeconds(30),
				Duration.ofHours(6));
	}

	@Test
	void problemsWhenADurationIsAbsurdlyLongThenNamedWithItsBound() {
		Duration absurd = Duration.ofDays(1_000_000_000L);
		CacheSettings absurdTolerance = new CacheSettings(Duration.ofHours(1), Duration.ofMinutes(5),
				Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofSeconds(30), absurd);
		assertThat(absurdTolerance.problems(PREFIX))
			.containsExactly(PREFIX + ".outage-tolerance (" + absurd + ") must not exceed 365 days");
		CacheSettings longest = new CacheSettings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(1), CacheSettings.LONGEST, CacheSettings.LONGEST);
		assertThat(longest.problems(PREFIX)).isEmpty();
	}

	@Test
	void failureBackoffWhenMinimumRefreshIntervalShorterThanASecondThenCappedByIt() {
		CacheSettings fast = new CacheSettings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofHours(1));
		assertThat(fast.failureBackoff(1, 0.0)).isEqualTo(Duration.ofMillis(100));
		assertThat(fast.failureBackoff(Integer.MAX_VALUE, 0.0)).isEqualTo(Duration.ofMillis(100));
		CacheSettings none = new CacheSettings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(1));
		assertThat(none.failureBackoff(3, 0.5)).isZero();
	}

}
