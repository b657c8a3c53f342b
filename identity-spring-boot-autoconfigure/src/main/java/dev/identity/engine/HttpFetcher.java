package dev.identity.engine;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The transport port of the engine: "GET this URL". A blocking adapter performs the request on the
 * calling thread and returns a completed future; a reactive adapter subscribes and returns at once.
 * Either way the engine never holds a lock while the request runs.
 */
@FunctionalInterface
public interface HttpFetcher {

	/**
	 * Fetch a document.
	 * @param endpoint logical endpoint name for errors, e.g. {@code jwks}
	 * @param uri the URL
	 * @return the response of any status; completes exceptionally with an
	 * {@link dev.identity.core.IdentityProviderException} only when no response arrived
	 */
	CompletableFuture<FetchedResponse> get(String endpoint, URI uri);

}
