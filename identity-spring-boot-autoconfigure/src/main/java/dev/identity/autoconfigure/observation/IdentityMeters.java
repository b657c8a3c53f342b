package dev.identity.autoconfigure.observation;

import io.micrometer.core.instrument.Counter;

/**
 * The names and tags of the identity meters and observations, in one place: the
 * documentation ({@code docs/production.md}) lists the same.
 */
final class IdentityMeters {

	/** Counter of access-token validations. */
	static final String VALIDATIONS = "identity.token.validations";

	/** Counter of cache lookups. */
	static final String CACHE_GETS = "identity.cache.gets";

	/** The description of {@link #CACHE_GETS}, whichever cache counts. */
	static final String CACHE_GETS_DESCRIPTION = "Lookups of the identity engines' caches";

	/** Observation (timer and span) of each request to a provider. */
	static final String PROVIDER_REQUESTS = "identity.provider.requests";

	static final String ISSUER = "issuer";

	static final String OUTCOME = "outcome";

	static final String CHECK = "check";

	static final String CACHE = "cache";

	static final String RESULT = "result";

	static final String ENDPOINT = "endpoint";

	static final String STATUS = "status";

	static final String VALID = "valid";

	static final String INVALID = "invalid";

	static final String PROVIDER_ERROR = "provider_error";

	static final String ERROR = "error";

	/** The check tag of an outcome other than {@code invalid}. */
	static final String NO_CHECK = "none";

	static final String HIT = "hit";

	static final String MISS = "miss";

	private IdentityMeters() {
	}

	static Counter.Builder cacheGets(String issuer, String cache, String result) {
		return Counter.builder(CACHE_GETS)
			.description(CACHE_GETS_DESCRIPTION)
			.tag(ISSUER, issuer)
			.tag(CACHE, cache)
			.tag(RESULT, result);
	}

	/**
	 * The outcome of a provider request, by its HTTP status as Micrometer's HTTP client
	 * metrics name it.
	 * @param status the status, or {@code 0} when no response arrived
	 * @return the outcome
	 */
	static String requestOutcome(int status) {
		if (status == 0) {
			return "no_response";
		}
		if (status < 300) {
			return "success";
		}
		if (status < 400) {
			return "redirection";
		}
		return (status < 500) ? "client_error" : "server_error";
	}

}
