package dev.identity.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import dev.identity.core.IdentityProviderException;
import dev.identity.engine.FetchedResponse;
import dev.identity.engine.HttpFetcher;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Blocking transport: performs the request on the calling thread through a {@link RestClient} and
 * hands the engine a completed future.
 */
final class RestClientFetcher implements HttpFetcher {

	/** Provider documents larger than this are refused (a JWK set or discovery document is a few KB). */
	static final int MAXIMUM_BODY = 1024 * 1024;

	private final RestClient restClient;

	RestClientFetcher(RestClient restClient) {
		this.restClient = restClient;
	}

	@Override
	public CompletableFuture<FetchedResponse> get(String endpoint, URI uri) {
		try {
			FetchedResponse response = this.restClient.get()
				.uri(uri)
				.accept(MediaType.APPLICATION_JSON)
				.exchange((request, clientResponse) -> new FetchedResponse(clientResponse.getStatusCode().value(),
						clientResponse.getHeaders().getCacheControl(), read(endpoint, uri, clientResponse.getBody())),
						true);
			return CompletableFuture.completedFuture(response);
		}
		catch (IdentityProviderException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		catch (RestClientException | IllegalStateException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return CompletableFuture.failedFuture(new IdentityProviderException(endpoint, uri, 0, null,
					"request failed: " + cause.getClass().getSimpleName()
							+ ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : ""),
					ex));
		}
	}

	private static String read(String endpoint, URI uri, InputStream body) throws IOException {
		byte[] bytes = body.readNBytes(MAXIMUM_BODY + 1);
		if (bytes.length > MAXIMUM_BODY) {
			throw new IdentityProviderException(endpoint, uri, "response body exceeds " + MAXIMUM_BODY + " bytes");
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
