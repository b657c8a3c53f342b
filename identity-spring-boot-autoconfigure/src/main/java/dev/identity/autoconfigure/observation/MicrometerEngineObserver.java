package dev.identity.autoconfigure.observation;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.identity.core.IdentityProviderException;
import dev.identity.core.TokenCheck;
import dev.identity.engine.internal.EngineObserver;
import dev.identity.engine.internal.transport.FetchedResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The observer of one issuer's engine on Micrometer. Every counter is registered when the
 * engine is made, so a validation costs one increment and no lookup.
 */
final class MicrometerEngineObserver implements EngineObserver {

	private final String issuer;

	private final ObservationRegistry observations;

	private final Counter valid;

	private final Counter providerError;

	private final Counter error;

	/** Refusals, by the ordinal of their first failed check. */
	private final Counter[] invalid;

	/** Cache hits and misses, by the ordinal of the cache. */
	private final Counter[] hits;

	private final Counter[] misses;

	MicrometerEngineObserver(String issuer, MeterRegistry meters, ObservationRegistry observations) {
		this.issuer = issuer;
		this.observations = observations;
		this.valid = validations(meters, IdentityMeters.VALID, IdentityMeters.NO_CHECK);
		this.providerError = validations(meters, IdentityMeters.PROVIDER_ERROR, IdentityMeters.NO_CHECK);
		this.error = validations(meters, IdentityMeters.ERROR, IdentityMeters.NO_CHECK);
		TokenCheck[] checks = TokenCheck.values();
		this.invalid = new Counter[checks.length];
		for (TokenCheck check : checks) {
			this.invalid[check.ordinal()] = validations(meters, IdentityMeters.INVALID, checkTag(check));
		}
		Cache[] caches = Cache.values();
		this.hits = new Counter[caches.length];
		this.misses = new Counter[caches.length];
		for (Cache cache : caches) {
			if (cache == Cache.TOKENS) {
				// Counted by the cache itself: ValidatedTokenCacheMetrics.
				continue;
			}
			this.hits[cache.ordinal()] = IdentityMeters.cacheGets(issuer, cache.tag(), IdentityMeters.HIT)
				.register(meters);
			this.misses[cache.ordinal()] = IdentityMeters.cacheGets(issuer, cache.tag(), IdentityMeters.MISS)
				.register(meters);
		}
	}

	private Counter validations(MeterRegistry meters, String outcome, String check) {
		return Counter.builder(IdentityMeters.VALIDATIONS)
			.description("Access-token validations by the identity engines")
			.tag(IdentityMeters.ISSUER, this.issuer)
			.tag(IdentityMeters.OUTCOME, outcome)
			.tag(IdentityMeters.CHECK, check)
			.register(meters);
	}

	static String checkTag(TokenCheck check) {
		return check.name().toLowerCase(Locale.ROOT);
	}

	@Override
	public void validated() {
		this.valid.increment();
	}

	@Override
	public void rejected(TokenCheck firstFailedCheck) {
		this.invalid[firstFailedCheck.ordinal()].increment();
	}

	@Override
	public void failed(Throwable failure) {
		((failure instanceof IdentityProviderException) ? this.providerError : this.error).increment();
	}

	@Override
	public void cacheLookup(Cache cache, boolean hit) {
		(hit ? this.hits : this.misses)[cache.ordinal()].increment();
	}

	@Override
	public CompletableFuture<FetchedResponse> providerRequest(String endpoint,
			Supplier<CompletableFuture<FetchedResponse>> request) {
		if (this.observations.isNoop()) {
			return request.get();
		}
		Observation observation = Observation.createNotStarted(IdentityMeters.PROVIDER_REQUESTS, this.observations)
			.contextualName("identity " + endpoint)
			.lowCardinalityKeyValue(IdentityMeters.ISSUER, this.issuer)
			.lowCardinalityKeyValue(IdentityMeters.ENDPOINT, endpoint)
			.start();
		CompletableFuture<FetchedResponse> response;
		// In scope while the request is sent, so that the HTTP client's own observation
		// (and span) is a child of this one.
		Observation.Scope scope = observation.openScope();
		try {
			response = request.get();
		}
		catch (RuntimeException | Error ex) {
			stop(observation, null, ex);
			throw ex;
		}
		finally {
			scope.close();
		}
		if (response == null) {
			stop(observation, null, null);
			return response;
		}
		return response.whenComplete((answer, failure) -> stop(observation, answer, failure));
	}

	private static void stop(Observation observation, @Nullable FetchedResponse answer, @Nullable Throwable failure) {
		int status = (answer != null) ? answer.status() : 0;
		observation.lowCardinalityKeyValue(IdentityMeters.OUTCOME, IdentityMeters.requestOutcome(status))
			.lowCardinalityKeyValue(IdentityMeters.STATUS, (status > 0) ? Integer.toString(status) : "none");
		if (failure != null) {
			observation.error(failure);
		}
		observation.stop();
	}

}
