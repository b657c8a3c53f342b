package dev.identity.autoconfigure.observation;

import dev.identity.engine.internal.EngineObserver;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.IdentityEngines;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The validated-token cache's hits and misses as {@code identity.cache.gets}, read from
 * the counts the cache keeps itself: nothing is added to the validation's hot path.
 */
final class ValidatedTokenCacheMetrics implements MeterBinder {

	private final ObjectProvider<IdentityEngines> engines;

	ValidatedTokenCacheMetrics(ObjectProvider<IdentityEngines> engines) {
		this.engines = engines;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		IdentityEngines all = this.engines.getIfAvailable();
		if (all == null) {
			return;
		}
		String cache = EngineObserver.Cache.TOKENS.tag();
		all.all().forEach((name, engine) -> {
			FunctionCounter.builder(IdentityMeters.CACHE_GETS, engine, ValidatedTokenCacheMetrics::hits)
				.description("Lookups of the identity engines' caches")
				.tags(IdentityMeters.ISSUER, name, IdentityMeters.CACHE, cache, IdentityMeters.RESULT,
						IdentityMeters.HIT)
				.register(registry);
			FunctionCounter.builder(IdentityMeters.CACHE_GETS, engine, ValidatedTokenCacheMetrics::misses)
				.description("Lookups of the identity engines' caches")
				.tags(IdentityMeters.ISSUER, name, IdentityMeters.CACHE, cache, IdentityMeters.RESULT,
						IdentityMeters.MISS)
				.register(registry);
		});
	}

	private static double hits(IdentityEngine engine) {
		return engine.validationCacheStats().hits();
	}

	private static double misses(IdentityEngine engine) {
		return engine.validationCacheStats().misses();
	}

}
