package dev.identity.autoconfigure.health;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.ProviderHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one issuer's provider as its engine sees it, read from the engine's
 * caches: a health request never sends a request to the provider nor waits for one.
 * UNKNOWN until first use, UP while discovery and keys are usable, DOWN once fetches fail
 * and the keys are past their outage tolerance. The details name the last failure (its
 * endpoint, status and since when), the key set's age and its key count; never a token, a
 * secret or a URL.
 */
final class ProviderHealthIndicator implements HealthIndicator {

	private final IdentityEngine engine;

	ProviderHealthIndicator(IdentityEngine engine) {
		this.engine = engine;
	}

	@Override
	public Health health() {
		ProviderHealth health = this.engine.health();
		Health.Builder builder = switch (health.state()) {
			case UNKNOWN -> Health.unknown();
			case UP -> Health.up();
			case DOWN -> Health.down();
		};
		if (health.keyCount() != null) {
			builder.withDetail("keys", health.keyCount());
		}
		Duration age = health.keySetAge();
		if (age != null) {
			builder.withDetail("keySetAge", age.truncatedTo(ChronoUnit.SECONDS).toString());
		}
		ProviderHealth.Failure failure = health.lastFailure();
		if (failure != null) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("endpoint", failure.endpoint());
			if (failure.status() > 0) {
				details.put("status", failure.status());
			}
			details.put("kind", failure.kind());
			details.put("since", failure.since().toString());
			details.put("failuresInARow", failure.failuresInARow());
			builder.withDetail("lastFailure", details);
		}
		return builder.build();
	}

}
