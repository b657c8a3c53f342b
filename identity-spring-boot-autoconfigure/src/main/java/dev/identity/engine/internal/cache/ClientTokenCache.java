package dev.identity.engine.internal.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import org.jspecify.annotations.Nullable;

/**
 * Client-credentials tokens, cached per whole request (scopes, resources, audiences,
 * extra parameters). A token is served until {@code renewal skew} before its expiry;
 * failures are never cached. Bounded: past {@link #MAXIMUM_ENTRIES} requests, expired
 * entries are dropped first and then the whole cache, so a caller building requests from
 * user input cannot grow it without end.
 */
public final class ClientTokenCache {

	static final int MAXIMUM_ENTRIES = 1_000;

	private final ConcurrentHashMap<TokenRequest.ClientCredentials, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * A cached token that is not due for renewal.
	 * @param request the request
	 * @param now the current time
	 * @param renewalSkew how long before expiry a token is renewed
	 * @return the response, or {@code null} when a request is needed
	 */
	public @Nullable TokenResponse get(TokenRequest.ClientCredentials request, Instant now, Duration renewalSkew) {
		Entry entry = this.entries.get(request);
		return (entry != null && now.isBefore(entry.expiresAt().minus(renewalSkew))) ? entry.response() : null;
	}

	public void put(TokenRequest.ClientCredentials request, TokenResponse response, Instant expiresAt, Instant now) {
		if (this.entries.size() >= MAXIMUM_ENTRIES) {
			this.entries.values().removeIf((entry) -> !now.isBefore(entry.expiresAt()));
			if (this.entries.size() >= MAXIMUM_ENTRIES) {
				this.entries.clear();
			}
		}
		this.entries.put(request, new Entry(response, expiresAt));
	}

	/**
	 * Forget a token the resource server refused, unless a newer one already replaced it.
	 * @param request the request
	 * @param accessToken the refused token
	 */
	public void evict(TokenRequest.ClientCredentials request, String accessToken) {
		this.entries.computeIfPresent(request,
				(key, entry) -> entry.response().getAccessToken().equals(accessToken) ? null : entry);
	}

	private record Entry(TokenResponse response, Instant expiresAt) {

	}

}
