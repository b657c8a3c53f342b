package dev.identity.autoconfigure.observation;

import dev.identity.autoconfigure.ConditionalOnIssuer;
import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.engine.internal.EngineObserver;
import dev.identity.engine.internal.IdentityEngines;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Metrics and observations of the identity engines, when Micrometer is on the class path:
 * {@code identity.token.validations}, {@code identity.cache.gets} and the
 * {@code identity.provider.requests} observation, recorded with the application's
 * {@link MeterRegistry} and {@link ObservationRegistry} when it has them.
 */
@AutoConfiguration(before = IdentityAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnIssuer
public final class IdentityObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EngineObserver.Factory identityEngineObservers(ObjectProvider<MeterRegistry> meters,
			ObjectProvider<ObservationRegistry> observations) {
		return new MicrometerEngineObservers(meters.getIfUnique(), observations.getIfUnique());
	}

	@Bean
	MeterBinder identityValidatedTokenCacheMetrics(ObjectProvider<IdentityEngines> engines) {
		return new ValidatedTokenCacheMetrics(engines);
	}

}
