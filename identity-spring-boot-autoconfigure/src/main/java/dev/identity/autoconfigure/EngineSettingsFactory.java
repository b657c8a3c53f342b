package dev.identity.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.identity.core.CacheSettings;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.ValidationPolicy;
import dev.identity.engine.EngineSettings;

/**
 * Turns {@link IdentityProperties} into {@link EngineSettings}, collecting every invalid property
 * into one {@link InvalidIdentityConfigurationException}.
 */
final class EngineSettingsFactory {

	private EngineSettingsFactory() {
	}

	static EngineSettings create(IdentityProperties properties) {
		List<InvalidIdentityConfigurationException.Problem> problems = new ArrayList<>();
		URI issuer = properties.getIssuerUri();
		IdentityProperties.Discovery discovery = properties.getDiscovery();
		DiscoveryPolicy discoveryPolicy = new DiscoveryPolicy(discovery.isRequireIssuerMatch(),
				discovery.isRequireHttps(), discovery.isRequireSameHost());
		if (issuer == null) {
			problems.add(problem("identity.issuer-uri", "", "must be set"));
		}
		else {
			for (String reason : discoveryPolicy.checkIssuer(issuer)) {
				problems.add(problem("identity.issuer-uri", issuer.toString(), reason));
			}
		}
		Set<JwsAlgorithm> algorithms = EnumSet.noneOf(JwsAlgorithm.class);
		for (String name : properties.getAlgorithms()) {
			try {
				algorithms.add(JwsAlgorithm.fromConfiguration(name));
			}
			catch (IllegalArgumentException ex) {
				problems.add(problem("identity.algorithms", name, ex.getMessage()));
			}
		}
		if (properties.getAlgorithms().isEmpty()) {
			problems.add(problem("identity.algorithms", "", "must name at least one algorithm"));
		}
		for (String audience : properties.getAudiences()) {
			if (audience == null || audience.isBlank()) {
				problems.add(problem("identity.audiences", String.valueOf(audience), "must not contain blank values"));
			}
		}
		for (String claim : properties.getRequiredClaims()) {
			if (claim == null || claim.isBlank()) {
				problems.add(problem("identity.required-claims", String.valueOf(claim), "must not contain blank names"));
			}
		}
		if (properties.getClockSkew().isNegative()) {
			problems.add(problem("identity.clock-skew", properties.getClockSkew().toString(), "must not be negative"));
		}
		else if (properties.getClockSkew().compareTo(Duration.ofMinutes(10)) > 0) {
			problems.add(problem("identity.clock-skew", properties.getClockSkew().toString(),
					"is more than 10 minutes; fix the clocks instead of widening the window"));
		}
		positive(problems, "identity.http.connect-timeout", properties.getHttp().getConnectTimeout());
		positive(problems, "identity.http.read-timeout", properties.getHttp().getReadTimeout());
		CacheSettings discoveryCache = cache(properties.getDiscovery());
		CacheSettings jwksCache = cache(properties.getJwks());
		cacheProblems(problems, "identity.discovery", discoveryCache);
		cacheProblems(problems, "identity.jwks", jwksCache);
		if (!problems.isEmpty()) {
			throw new InvalidIdentityConfigurationException(problems);
		}
		ValidationPolicy policy = ValidationPolicy.withIssuer(issuer.toString())
			.audiences(properties.getAudiences())
			.algorithms(algorithms)
			.clockSkew(properties.getClockSkew())
			.requiredType(properties.getRequiredType())
			.requiredClaims(properties.getRequiredClaims())
			.build();
		return new EngineSettings(issuer, policy, discoveryPolicy, discoveryCache, jwksCache);
	}

	private static CacheSettings cache(IdentityProperties.Cache cache) {
		return new CacheSettings(cache.getTtl(), cache.getMinimumTtl(), cache.getMaximumTtl(), cache.getRefreshAhead(),
				cache.getMinimumRefreshInterval(), cache.getOutageTolerance());
	}

	private static void cacheProblems(List<InvalidIdentityConfigurationException.Problem> problems, String prefix,
			CacheSettings settings) {
		for (String reason : settings.problems(prefix)) {
			String property = reason.substring(0, reason.indexOf(' '));
			problems.add(problem(property, value(settings, property.substring(prefix.length() + 1)), reason));
		}
	}

	private static String value(CacheSettings settings, String name) {
		return switch (name) {
			case "ttl" -> settings.defaultTtl().toString();
			case "minimum-ttl" -> settings.minimumTtl().toString();
			case "maximum-ttl" -> settings.maximumTtl().toString();
			case "refresh-ahead" -> settings.refreshAhead().toString();
			case "minimum-refresh-interval" -> settings.minimumRefreshInterval().toString();
			case "outage-tolerance" -> settings.outageTolerance().toString();
			default -> "";
		};
	}

	private static void positive(List<InvalidIdentityConfigurationException.Problem> problems, String property,
			Duration value) {
		if (value.isNegative() || value.isZero()) {
			problems.add(problem(property, value.toString(), "must be positive"));
		}
	}

	private static InvalidIdentityConfigurationException.Problem problem(String property, String value,
			String reason) {
		return new InvalidIdentityConfigurationException.Problem(property, value, reason);
	}

}
