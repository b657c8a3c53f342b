package dev.identity.engine.internal.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How long a fetched document is kept and when it is fetched again.
 *
 * @param defaultTtl lifetime when the response has no {@code Cache-Control: max-age}
 * @param minimumTtl lower bound on any lifetime, also used for {@code no-cache},
 * {@code no-store} and {@code max-age=0} (many providers send those; honouring them
 * literally would refetch on every token)
 * @param maximumTtl upper bound on any lifetime
 * @param refreshAhead how long before expiry a background refresh starts
 * @param minimumRefreshInterval least time between two successful fetches of the
 * document; also the rate of refreshes for unknown {@code kid}s (forged tokens cannot
 * flood the provider) and the longest back-off after failed fetches
 * @param outageTolerance how long after expiry the last good document keeps serving while
 * fetches fail
 */
public record CacheSettings(Duration defaultTtl, Duration minimumTtl, Duration maximumTtl, Duration refreshAhead,
		Duration minimumRefreshInterval, Duration outageTolerance) {

	public CacheSettings {
		Objects.requireNonNull(defaultTtl, "defaultTtl");
		Objects.requireNonNull(minimumTtl, "minimumTtl");
		Objects.requireNonNull(maximumTtl, "maximumTtl");
		Objects.requireNonNull(refreshAhead, "refreshAhead");
		Objects.requireNonNull(minimumRefreshInterval, "minimumRefreshInterval");
		Objects.requireNonNull(outageTolerance, "outageTolerance");
	}

	/** The longest duration any of these settings may have. */
	public static final Duration LONGEST = Duration.ofDays(365);

	/**
	 * Back-off after the first failed fetch; it doubles with each further failure in a
	 * row.
	 */
	public static final Duration FIRST_FAILURE_BACKOFF = Duration.ofSeconds(1);

	/**
	 * How long to wait after a failed fetch before the next:
	 * {@link #FIRST_FAILURE_BACKOFF} after the first failure, doubling with each further
	 * one, never more than the minimum refresh interval, and jittered down by up to a
	 * quarter so that many instances do not retry in step.
	 * @param failuresInARow failed fetches in a row, {@code 1} or more
	 * @param random a value in {@code [0, 1)}
	 * @return the back-off
	 */
	public Duration failureBackoff(int failuresInARow, double random) {
		Duration cap = this.minimumRefreshInterval;
		int doublings = Math.max(0, Math.min(failuresInARow - 1, 30));
		Duration step = FIRST_FAILURE_BACKOFF.multipliedBy(1L << doublings);
		Duration bounded = (step.compareTo(cap) > 0) ? cap : step;
		double jitter = 1.0 - 0.25 * Math.min(Math.max(random, 0.0), 1.0);
		return Duration.ofMillis((long) (bounded.toMillis() * jitter));
	}

	/**
	 * Problems with these settings: which setting breaks which rule. Callers name the
	 * settings in their own terms (the auto-configuration by property).
	 * @return problems, empty when the settings are consistent
	 */
	public List<Problem> problems() {
		List<Problem> problems = new ArrayList<>();
		if (this.minimumTtl.isNegative() || this.minimumTtl.isZero()) {
			problems.add(new Problem(Setting.MINIMUM_TTL, Rule.POSITIVE));
		}
		if (this.maximumTtl.compareTo(this.minimumTtl) < 0) {
			problems.add(new Problem(Setting.MAXIMUM_TTL, Rule.AT_LEAST_MINIMUM_TTL));
		}
		if (this.defaultTtl.compareTo(this.minimumTtl) < 0 || this.defaultTtl.compareTo(this.maximumTtl) > 0) {
			problems.add(new Problem(Setting.DEFAULT_TTL, Rule.WITHIN_TTL_BOUNDS));
		}
		if (this.refreshAhead.isNegative() || this.refreshAhead.compareTo(this.minimumTtl) >= 0) {
			problems.add(new Problem(Setting.REFRESH_AHEAD, Rule.BELOW_MINIMUM_TTL));
		}
		if (this.minimumRefreshInterval.isNegative()) {
			problems.add(new Problem(Setting.MINIMUM_REFRESH_INTERVAL, Rule.NOT_NEGATIVE));
		}
		if (this.outageTolerance.isNegative()) {
			problems.add(new Problem(Setting.OUTAGE_TOLERANCE, Rule.NOT_NEGATIVE));
		}
		// Beyond this, arithmetic on instants could overflow into an error on every
		// request.
		for (Setting setting : Setting.values()) {
			if (value(setting).compareTo(LONGEST) > 0) {
				problems.add(new Problem(setting, Rule.AT_MOST_LONGEST));
			}
		}
		return problems;
	}

	/**
	 * The value of one setting.
	 * @param setting the setting
	 * @return its value
	 */
	public Duration value(Setting setting) {
		return switch (setting) {
			case DEFAULT_TTL -> this.defaultTtl;
			case MINIMUM_TTL -> this.minimumTtl;
			case MAXIMUM_TTL -> this.maximumTtl;
			case REFRESH_AHEAD -> this.refreshAhead;
			case MINIMUM_REFRESH_INTERVAL -> this.minimumRefreshInterval;
			case OUTAGE_TOLERANCE -> this.outageTolerance;
		};
	}

	/**
	 * Lifetime of a response, from its {@code Cache-Control} header within the bounds.
	 * @param cacheControl the header value, or {@code null}
	 * @return the lifetime
	 */
	public Duration ttl(@Nullable String cacheControl) {
		Duration ttl = this.defaultTtl;
		if (cacheControl != null) {
			for (String directive : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
				String d = directive.trim();
				if (d.equals("no-cache") || d.equals("no-store")) {
					return this.minimumTtl;
				}
				if (d.startsWith("max-age=")) {
					String seconds = d.substring("max-age=".length()).replace("\"", "");
					try {
						ttl = Duration.ofSeconds(Long.parseLong(seconds));
					}
					catch (NumberFormatException ex) {
						// Digits too many for a long are the greatest lifetime (RFC 9111
						// §1.2.2), clamped below;
						// anything else is an unreadable max-age, ignored as RFC 9111
						// §5.2 asks of invalid
						// directives.
						if (!seconds.isEmpty() && seconds.chars().allMatch((c) -> c >= '0' && c <= '9')) {
							ttl = this.maximumTtl;
						}
					}
				}
			}
		}
		if (ttl.compareTo(this.minimumTtl) < 0) {
			return this.minimumTtl;
		}
		return (ttl.compareTo(this.maximumTtl) > 0) ? this.maximumTtl : ttl;
	}

	/** The settings of a cache, in the order of the record's components. */
	public enum Setting {

		/** {@link CacheSettings#defaultTtl()}. */
		DEFAULT_TTL,
		/** {@link CacheSettings#minimumTtl()}. */
		MINIMUM_TTL,
		/** {@link CacheSettings#maximumTtl()}. */
		MAXIMUM_TTL,
		/** {@link CacheSettings#refreshAhead()}. */
		REFRESH_AHEAD,
		/** {@link CacheSettings#minimumRefreshInterval()}. */
		MINIMUM_REFRESH_INTERVAL,
		/** {@link CacheSettings#outageTolerance()}. */
		OUTAGE_TOLERANCE

	}

	/** The rules the settings must keep. */
	public enum Rule {

		/** The setting must be positive. */
		POSITIVE,
		/** The setting must not be negative. */
		NOT_NEGATIVE,
		/** The setting must not be less than the minimum TTL. */
		AT_LEAST_MINIMUM_TTL,
		/** The setting must lie between the minimum and the maximum TTL. */
		WITHIN_TTL_BOUNDS,
		/** The setting must be zero or more and less than the minimum TTL. */
		BELOW_MINIMUM_TTL,
		/** The setting must not exceed {@link CacheSettings#LONGEST}. */
		AT_MOST_LONGEST

	}

	/**
	 * A setting that breaks a rule.
	 *
	 * @param setting the setting
	 * @param rule the rule it breaks
	 */
	public record Problem(Setting setting, Rule rule) {

	}

}
