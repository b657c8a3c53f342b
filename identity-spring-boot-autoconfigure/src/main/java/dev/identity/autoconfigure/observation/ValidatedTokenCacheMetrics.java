package dev.identity.autoconfigure.observation;

import java.util.function.ToDoubleFunction;

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
			register(registry, name, cache, IdentityMeters.HIT, engine, ValidatedTokenCacheMetrics::hits);
			register(registry, name, cache, IdentityMeters.MISS, engine, ValidatedTokenCacheMetrics::misses);
		});
	}

	private static void register(MeterRegistry registry, String issuer, String cache, String result,
			IdentityEngine engine, ToDoubleFunction<IdentityEngine> count) {
		FunctionCounter.builder(IdentityMeters.CACHE_GETS, engine, count)
			.description(IdentityMeters.CACHE_GETS_DESCRIPTION)
			.tags(IdentityMeters.ISSUER, issuer, IdentityMeters.CACHE, cache, IdentityMeters.RESULT, result)
			.register(registry);
	}

	private static double hits(IdentityEngine engine) {
		return engine.validationCacheStats().hits();
	}

	private static double misses(IdentityEngine engine) {
		return engine.validationCacheStats().misses();
	}

}
