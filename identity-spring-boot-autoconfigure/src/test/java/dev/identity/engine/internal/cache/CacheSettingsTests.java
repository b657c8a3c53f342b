package dev.identity.engine.internal.cache;

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
		assertThat(this.settings.problems()).isEmpty();
		assertThat(
				settings(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ZERO).problems())
			.isEmpty();
	}

	@Test
	void problemsWhenRefreshAheadEqualsMinimumTtlThenSettingAndRuleNamed() {
		CacheSettings settings = settings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(5));
		assertThat(settings.problems()).containsExactly(
				new CacheSettings.Problem(CacheSettings.Setting.REFRESH_AHEAD, CacheSettings.Rule.BELOW_MINIMUM_TTL));
	}

	@Test
	void problemsWhenADurationIsAbsurdlyLongThenThatSettingBreaksTheBound() {
		CacheSettings settings = new CacheSettings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofDays(1_000_000_000L));
		assertThat(settings.problems()).containsExactly(
				new CacheSettings.Problem(CacheSettings.Setting.OUTAGE_TOLERANCE, CacheSettings.Rule.AT_MOST_LONGEST));
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
