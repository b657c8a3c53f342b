package dev.identity.engine.internal;

import java.time.Duration;
import java.time.Instant;

import dev.identity.core.DiscoveryDocument;
import dev.identity.core.IdentityException;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.KeySet;
import dev.identity.engine.internal.cache.CacheSettings;
import dev.identity.engine.internal.cache.CacheState;
import org.jspecify.annotations.Nullable;

/**
 * What an engine knows of its provider at one moment, read from its caches without any
 * request: whether the provider has been used, whether discovery and keys are usable, and
 * the last failure. It holds no token, secret or URL.
 *
 * @param state the provider's state as the engine sees it
 * @param keyCount keys in the cached JWK set, or {@code null} before the first one
 * @param keySetAge how long ago the cached JWK set was fetched, or {@code null} before
 * the first one
 * @param lastFailure the failure of the last fetch, while fetches keep failing; else
 * {@code null}
 */
public record ProviderHealth(State state, @Nullable Integer keyCount, @Nullable Duration keySetAge,
		@Nullable Failure lastFailure) {

	/** The provider's state as an engine sees it. */
	public enum State {

		/** Nothing has been fetched or tried yet: the engine is lazy until first use. */
		UNKNOWN,

		/**
		 * Discovery and keys are usable: fresh, or failing but within their outage
		 * tolerance.
		 */
		UP,

		/**
		 * Fetches fail, and discovery or keys are missing or past their outage tolerance:
		 * tokens cannot be verified.
		 */
		DOWN

	}

	/**
	 * The failure of the last fetch of a provider document.
	 *
	 * @param endpoint the logical endpoint, {@code discovery} or {@code jwks}
	 * @param status the HTTP status, or {@code 0} when no response arrived
	 * @param kind {@code no_response}, {@code http_error}, {@code redirect_refused} or
	 * {@code invalid_document} (a response that broke the policy or could not be read)
	 * @param since when the first of the failed fetches in a row started
	 * @param failuresInARow how many fetches in a row failed
	 */
	public record Failure(String endpoint, int status, String kind, Instant since, int failuresInARow) {

		static String kind(int status) {
			if (status == 0) {
				return "no_response";
			}
			if (status >= 300 && status < 400) {
				return "redirect_refused";
			}
			return (status >= 200 && status < 300) ? "invalid_document" : "http_error";
		}

	}

	/**
	 * Read the state of an engine's caches.
	 * @param discovery the discovery document's cache state
	 * @param discoveryCache its cache settings
	 * @param keys the JWK set's cache state
	 * @param keysCache its cache settings
	 * @param keysInUse whether tokens are verified with keys ({@code false} in the
	 * opaque-token mode, where only discovery matters)
	 * @param now the current time
	 * @return the snapshot
	 */
	static ProviderHealth of(CacheState<DiscoveryDocument> discovery, CacheSettings discoveryCache,
			CacheState<KeySet> keys, CacheSettings keysCache, boolean keysInUse, Instant now) {
		boolean tried = discovery.lastAttemptAt() != null || (keysInUse && keys.lastAttemptAt() != null);
		boolean down = down(discovery, discoveryCache, now) || (keysInUse && down(keys, keysCache, now));
		State state = !tried ? State.UNKNOWN : (down ? State.DOWN : State.UP);
		KeySet keySet = keys.value();
		Instant fetchedAt = keys.fetchedAt();
		Duration age = (fetchedAt != null) ? nonNegative(Duration.between(fetchedAt, now)) : null;
		return new ProviderHealth(state, (keySet != null) ? keySet.size() : null, age,
				lastFailure(discovery, keysInUse ? keys : CacheState.empty()));
	}

	/**
	 * A document is down when its last fetch failed and nothing usable remains: a value
	 * past its outage tolerance is as good as none. A value that merely expired with no
	 * failure since is fetched on next use.
	 */
	private static boolean down(CacheState<?> state, CacheSettings cache, Instant now) {
		return state.lastFailure() != null && !state.usableWhileProviderFails(now, cache);
	}

	private static @Nullable Failure lastFailure(CacheState<?> discovery, CacheState<?> keys) {
		CacheState<?> failing = latestFailure(discovery, keys);
		if (failing == null) {
			return null;
		}
		IdentityException failure = failing.lastFailure();
		Instant since = failing.failingSince();
		if (failure == null || since == null) {
			return null;
		}
		String endpoint = "provider";
		int status = 0;
		if (failure instanceof IdentityProviderException provider) {
			endpoint = provider.getEndpoint();
			status = provider.getStatus();
		}
		return new Failure(endpoint, status, Failure.kind(status), since, failing.failures());
	}

	private static @Nullable CacheState<?> latestFailure(CacheState<?> discovery, CacheState<?> keys) {
		if (discovery.lastFailure() == null) {
			return (keys.lastFailure() != null) ? keys : null;
		}
		if (keys.lastFailure() == null) {
			return discovery;
		}
		Instant discoveryAt = discovery.lastAttemptAt();
		Instant keysAt = keys.lastAttemptAt();
		return (discoveryAt != null && keysAt != null && discoveryAt.isAfter(keysAt)) ? discovery : keys;
	}

	private static Duration nonNegative(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}
