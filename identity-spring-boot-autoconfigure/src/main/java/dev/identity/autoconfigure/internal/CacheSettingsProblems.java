package dev.identity.autoconfigure.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.engine.internal.cache.CacheSettings;

/**
 * The problems of a cache's settings ({@code identity.discovery.*},
 * {@code identity.jwks.*}) worded for a start-up report: {@link CacheSettings} says which
 * rule failed, this names the properties.
 */
final class CacheSettingsProblems {

	private CacheSettingsProblems() {
	}

	/**
	 * The problems of a cache's settings, each naming its {@code <prefix>.*} property.
	 */
	static List<InvalidIdentityConfigurationException.Problem> of(String prefix, CacheSettings settings) {
		List<InvalidIdentityConfigurationException.Problem> problems = new ArrayList<>();
		for (CacheSettings.Problem problem : settings.problems()) {
			Duration value = settings.value(problem.setting());
			String property = prefix + "." + cacheProperty(problem.setting());
			String minimumTtl = prefix + "." + cacheProperty(CacheSettings.Setting.MINIMUM_TTL);
			String reason = switch (problem.rule()) {
				case POSITIVE -> property + " must be positive";
				case NOT_NEGATIVE -> property + " must not be negative";
				case AT_LEAST_MINIMUM_TTL -> property + " (" + value + ") must not be less than " + minimumTtl + " ("
						+ settings.minimumTtl() + ")";
				case WITHIN_TTL_BOUNDS -> property + " (" + value + ") must lie between " + minimumTtl + " and "
						+ prefix + "." + cacheProperty(CacheSettings.Setting.MAXIMUM_TTL);
				case BELOW_MINIMUM_TTL -> property + " (" + value + ") must be zero or more and less than " + minimumTtl
						+ " (" + settings.minimumTtl() + ")";
				case AT_MOST_LONGEST ->
					property + " (" + value + ") must not exceed " + CacheSettings.LONGEST.toDays() + " days";
			};
			problems.add(new InvalidIdentityConfigurationException.Problem(property, value.toString(), reason));
		}
		return problems;
	}

	/** The name of a cache setting's property under the cache's prefix. */
	private static String cacheProperty(CacheSettings.Setting setting) {
		return switch (setting) {
			case DEFAULT_TTL -> "ttl";
			case MINIMUM_TTL -> "minimum-ttl";
			case MAXIMUM_TTL -> "maximum-ttl";
			case REFRESH_AHEAD -> "refresh-ahead";
			case MINIMUM_REFRESH_INTERVAL -> "minimum-refresh-interval";
			case OUTAGE_TOLERANCE -> "outage-tolerance";
		};
	}

}
