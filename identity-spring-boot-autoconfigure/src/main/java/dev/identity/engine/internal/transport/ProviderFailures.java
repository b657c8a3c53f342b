package dev.identity.engine.internal.transport;

import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.identity.core.IdentityProviderException;
import dev.identity.core.internal.LogSafeText;

/**
 * The failures of a request to the provider, worded once for the engine and both
 * transports: a request that got no answer, a redirect that is not followed, a body over
 * the size limit. (A request past its deadline is {@link HttpFetcher#deadlinePassed}.)
 */
public final class ProviderFailures {

	private ProviderFailures() {
	}

	/**
	 * A request that ended without a response, as the engine sees it: a failure that is
	 * already a provider failure stays as it is.
	 * @param endpoint logical endpoint name
	 * @param uri the URL
	 * @param failure what the request failed with, possibly wrapped by a
	 * {@link java.util.concurrent.CompletableFuture}
	 * @return the failure
	 */
	public static IdentityProviderException requestFailed(String endpoint, URI uri, Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof IdentityProviderException provider) {
			return provider;
		}
		return new IdentityProviderException(endpoint, uri, 0, null, "request failed: " + describe(cause), cause);
	}

	/**
	 * A request that ended without a response, as a transport sees it: its HTTP client's
	 * exception wraps the cause worth naming (a refused connection, a reset).
	 * @param endpoint logical endpoint name
	 * @param uri the URL
	 * @param failure the HTTP client's exception
	 * @return the failure
	 */
	public static IdentityProviderException transportFailed(String endpoint, URI uri, Throwable failure) {
		if (failure instanceof IdentityProviderException provider) {
			return provider;
		}
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		return new IdentityProviderException(endpoint, uri, 0, null, "request failed: " + describe(cause), failure);
	}

	/**
	 * Requests to the provider never follow redirects: a redirect could lead them off the
	 * host the discovery policy allowed, and re-send client credentials or an access
	 * token there.
	 * @param endpoint logical endpoint name
	 * @param uri the URL
	 * @param status the redirect's status
	 * @return the failure
	 */
	public static IdentityProviderException redirectRefused(String endpoint, URI uri, int status) {
		return new IdentityProviderException(endpoint, uri, status, null,
				"answered a redirect (HTTP " + status + "); requests to the provider never follow redirects", null);
	}

	/**
	 * A response whose body is over {@link HttpFetcher#MAXIMUM_BODY}, whichever transport
	 * read it.
	 * @param endpoint logical endpoint name
	 * @param uri the URL
	 * @return the failure
	 */
	public static IdentityProviderException bodyTooLarge(String endpoint, URI uri) {
		return new IdentityProviderException(endpoint, uri,
				"response body exceeds " + HttpFetcher.MAXIMUM_BODY + " bytes");
	}

	/**
	 * Unwrap the wrappers a {@link java.util.concurrent.CompletableFuture} puts around a
	 * failure.
	 * @param failure the failure
	 * @return the cause that matters
	 */
	public static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static String describe(Throwable cause) {
		// The message may come from anywhere (a provider's host name, a parser's
		// complaint): cleaned and bounded before it enters a log line.
		return cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? " (" + LogSafeText.of(cause.getMessage(), 200) + ")" : "");
	}

}
