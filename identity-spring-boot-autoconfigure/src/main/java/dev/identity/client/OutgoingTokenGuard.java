package dev.identity.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import dev.identity.core.internal.LogSafeText;
import dev.identity.engine.internal.IdentityEngine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The two rules of outgoing calls that carry a client-credentials token, shared by
 * {@link ClientCredentialsRestClientCustomizer} and
 * {@link ClientCredentialsWebClientCustomizer}:
 * <ul>
 * <li>the token goes only to the origins (scheme, host and port) a client is configured
 * for; a request elsewhere, such as an absolute URL built from user input, goes out
 * without it, and the first one to each origin is logged;</li>
 * <li>after a 401, the refused token is renewed at most once per token request per
 * {@link #MINIMUM_RENEWAL_INTERVAL}: a resource server that refuses every token must not
 * turn every call into a token request.</li>
 * </ul>
 * One guard serves every customizer of a {@link SmartOAuthClient}, so the renewal limit
 * holds across them. Thread-safe and non-blocking.
 */
final class OutgoingTokenGuard {

	/** Least time between two renewals of one token request forced by 401 answers. */
	static final Duration MINIMUM_RENEWAL_INTERVAL = Duration.ofSeconds(30);

	/**
	 * Origins logged, and token requests remembered, at most: neither grows with hostile
	 * input.
	 */
	static final int MAXIMUM_REMEMBERED = 1_000;

	private static final Log logger = LogFactory.getLog(OutgoingTokenGuard.class);

	private final Set<String> loggedOrigins = ConcurrentHashMap.newKeySet();

	private final ConcurrentHashMap<TokenRequest.ClientCredentials, Instant> renewals = new ConcurrentHashMap<>();

	/**
	 * The origin of a URL, as {@code scheme://host:port} with the default port written
	 * out.
	 * @param url the URL
	 * @return the origin, or {@code null} when the URL is not an absolute {@code http} or
	 * {@code https} URL with a host
	 */
	static @Nullable String origin(@Nullable URI url) {
		if (url == null || url.getScheme() == null || url.getHost() == null) {
			return null;
		}
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return null;
		}
		int port = (url.getPort() != -1) ? url.getPort() : (scheme.equals("https") ? 443 : 80);
		return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
	}

	/**
	 * The origins of configured URLs.
	 * @param urls absolute {@code http} or {@code https} URLs; a path is ignored
	 * @return their origins
	 * @throws IllegalArgumentException naming a URL that has no origin
	 */
	static Set<String> origins(Collection<String> urls) {
		Set<String> origins = new LinkedHashSet<>();
		for (String url : urls) {
			String origin = null;
			try {
				origin = (url != null) ? origin(URI.create(url.trim())) : null;
			}
			catch (IllegalArgumentException ex) {
				// Reported below, with what is expected.
			}
			if (origin == null) {
				throw new IllegalArgumentException("'" + url + "' is not an absolute http or https URL with a host, "
						+ "such as https://orders.internal");
			}
			origins.add(origin);
		}
		if (origins.isEmpty()) {
			throw new IllegalArgumentException("at least one origin must be named");
		}
		return Set.copyOf(origins);
	}

	/**
	 * The origins a client may send the token to when none were named: its base URL's.
	 * @param baseUrl the base URL the builder resolves relative URLs against, or
	 * {@code null}
	 * @param builder the builder type, for the message
	 * @return the origin of the base URL
	 * @throws IllegalStateException when the builder has no absolute base URL
	 */
	static Set<String> baseOrigin(@Nullable URI baseUrl, String builder) {
		String origin = origin(baseUrl);
		if (origin == null) {
			throw new IllegalStateException("The " + builder + " has no absolute base URL where the client-credentials "
					+ "customizer is applied, so it cannot tell which host may receive the token. Set the base URL "
					+ "first (builder.baseUrl(\"https://orders.internal\").apply(customizer)), or name the origins "
					+ "that may receive it (customizer.forOrigins(\"https://orders.internal\")).");
		}
		return Set.of(origin);
	}

	/**
	 * Whether a request may carry the token. A request to another origin is logged once
	 * per origin.
	 * @param url the request's URL
	 * @param allowed the origins the client is configured for
	 * @return whether to attach the token
	 */
	boolean attaches(URI url, Set<String> allowed) {
		String origin = origin(url);
		if (origin != null && allowed.contains(origin)) {
			return true;
		}
		String shown = LogSafeText.of((origin != null) ? origin : withoutUserInfo(url.getRawAuthority()), 200);
		if (this.loggedOrigins.size() < MAXIMUM_REMEMBERED && this.loggedOrigins.add(shown)) {
			logger.warn("A request to " + shown + " went out without the client-credentials token: the client is "
					+ "configured to send it to " + allowed + " only. Name the origin with forOrigins(...) if it "
					+ "should receive the token."
					+ ((this.loggedOrigins.size() == MAXIMUM_REMEMBERED) ? " Further origins are not logged." : ""));
		}
		return false;
	}

	/**
	 * After a resource server answered 401 to a token: whether to retry the request once.
	 * It does when a newer token has already replaced the refused one in the cache, or
	 * when a renewal of this token request is allowed, in which case the refused token is
	 * evicted so that the next request for it obtains a new one.
	 * @param engine the engine holding the token cache
	 * @param request the token request
	 * @param refused the refused access token
	 * @return whether to retry with the token the client now gets for the request
	 */
	boolean retryAfterRefusal(IdentityEngine engine, TokenRequest.ClientCredentials request, String refused) {
		TokenResponse current = engine.cachedClientCredentials(request);
		if (current != null && !current.getAccessToken().equals(refused)) {
			return true;
		}
		if (!claimRenewal(request, engine.getClock().instant())) {
			return false;
		}
		engine.evictClientCredentials(request, refused);
		return true;
	}

	private boolean claimRenewal(TokenRequest.ClientCredentials request, Instant now) {
		if (this.renewals.size() >= MAXIMUM_REMEMBERED) {
			this.renewals.values().removeIf((last) -> !now.isBefore(last.plus(MINIMUM_RENEWAL_INTERVAL)));
			if (this.renewals.size() >= MAXIMUM_REMEMBERED) {
				this.renewals.clear();
			}
		}
		boolean[] claimed = new boolean[1];
		// Atomic per token request: of callers refused at the same moment, one renews.
		this.renewals.compute(request, (key, last) -> {
			if (last != null && now.isBefore(last.plus(MINIMUM_RENEWAL_INTERVAL))) {
				return last;
			}
			claimed[0] = true;
			return now;
		});
		return claimed[0];
	}

	/**
	 * An authority as it may be logged: without the user name and password it may carry.
	 */
	static String withoutUserInfo(@Nullable String authority) {
		if (authority == null) {
			return "(no authority)";
		}
		int at = authority.lastIndexOf('@');
		return (at >= 0) ? authority.substring(at + 1) : authority;
	}

}
