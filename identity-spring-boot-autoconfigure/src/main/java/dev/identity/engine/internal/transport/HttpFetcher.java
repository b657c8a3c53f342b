package dev.identity.engine.internal.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.identity.core.IdentityProviderException;

/**
 * The transport port of the engine: "GET this URL", "POST this form", "wait this long". A
 * blocking adapter performs each on the calling thread and returns a completed future; a
 * reactive adapter subscribes and returns at once. Either way the engine never holds a
 * lock while a request runs, and a wait never blocks an event loop.
 */
@FunctionalInterface
public interface HttpFetcher {

	/**
	 * Longest response body a transport reads, in bytes; a longer one fails with
	 * {@link ProviderFailures#bodyTooLarge} (a JWK set or discovery document is a few
	 * KB).
	 */
	int MAXIMUM_BODY = 1024 * 1024;

	/**
	 * Fetch a document.
	 * @param endpoint logical endpoint name for errors, e.g. {@code jwks}
	 * @param uri the URL
	 * @return the response of any status; completes exceptionally with an
	 * {@link IdentityProviderException} only when no response arrived
	 */
	CompletableFuture<FetchedResponse> get(String endpoint, URI uri);

	/**
	 * The failure of a request that passed its deadline, the same whichever transport or
	 * the engine saw it first.
	 * @param endpoint logical endpoint name
	 * @param uri the URL
	 * @param deadline the deadline of the whole response
	 * @return the failure
	 */
	static IdentityProviderException deadlinePassed(String endpoint, URI uri, Duration deadline) {
		return new IdentityProviderException(endpoint, uri,
				"no complete response within " + deadline.toMillis() + " ms");
	}

	/**
	 * Whether this transport's callers hold a thread while they wait (a blocking
	 * transport). Such a caller waits for a fetch another caller started only up to the
	 * shared wait, so that a stalled provider cannot hold every request thread; a caller
	 * that holds no thread waits up to the fetch's deadline.
	 * @return {@code true} for a blocking transport
	 */
	default boolean holdsCallerThread() {
		return false;
	}

	/**
	 * Fetch a resource with request headers (e.g. a bearer token for UserInfo).
	 * @param endpoint logical endpoint name for errors
	 * @param uri the URL
	 * @param headers the headers to send
	 * @return the response of any status
	 */
	default CompletableFuture<FetchedResponse> get(String endpoint, URI uri, Map<String, String> headers) {
		if (headers.isEmpty()) {
			return get(endpoint, uri);
		}
		return CompletableFuture
			.failedFuture(new IdentityProviderException(endpoint, uri, "this transport cannot send request headers"));
	}

	/**
	 * Send a form post.
	 * @param post the request
	 * @return the response of any status; completes exceptionally only when no response
	 * arrived
	 */
	default CompletableFuture<FetchedResponse> post(FormPost post) {
		return CompletableFuture.failedFuture(
				new IdentityProviderException(post.endpoint(), post.uri(), "this transport cannot send form posts"));
	}

	/**
	 * Wait before a retry: a blocking transport sleeps on its (blocking) thread, a
	 * reactive one uses a timer.
	 * @param delay how long
	 * @return completes after the delay
	 */
	default CompletableFuture<Void> delay(Duration delay) {
		return CompletableFuture.runAsync(() -> {
		}, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
	}

}
