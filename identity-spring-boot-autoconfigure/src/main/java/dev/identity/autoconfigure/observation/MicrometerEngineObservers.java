package dev.identity.autoconfigure.observation;

import dev.identity.engine.internal.EngineObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Makes each issuer's observer on the application's registries; an engine with neither
 * registry is not watched at all.
 */
final class MicrometerEngineObservers implements EngineObserver.Factory {

	private final @Nullable MeterRegistry meters;

	private final ObservationRegistry observations;

	MicrometerEngineObservers(@Nullable MeterRegistry meters, @Nullable ObservationRegistry observations) {
		this.meters = meters;
		this.observations = (observations != null) ? observations : ObservationRegistry.NOOP;
	}

	@Override
	public EngineObserver forIssuer(String issuerName) {
		if (this.meters == null && this.observations.isNoop()) {
			return EngineObserver.NONE;
		}
		// Without a meter registry, the counters of an empty composite count nothing.
		MeterRegistry registry = (this.meters != null) ? this.meters : new CompositeMeterRegistry();
		return new MicrometerEngineObserver(issuerName, registry, this.observations);
	}

}
