package dev.identity.engine.internal.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.identity.core.IdentityProviderException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Blocking transport: performs the request on the calling thread through a
 * {@link RestClient} and hands the engine a completed future.
 * <p>
 * Each request has a deadline for its whole response: a provider that sends its body a
 * byte at a time, each byte inside the read timeout, is cut off once the deadline has
 * passed (at the latest one read timeout later, when it sends nothing at all).
 */
public final class RestClientFetcher implements HttpFetcher {

	private static final int CHUNK = 8 * 1024;

	private final RestClient restClient;

	private final Duration deadline;

	private final long deadlineNanos;

	public RestClientFetcher(RestClient restClient, Duration deadline) {
		this.restClient = restClient;
		this.deadline = deadline;
		this.deadlineNanos = (deadline.compareTo(Duration.ofDays(1)) > 0) ? Long.MAX_VALUE : deadline.toNanos();
	}

	@Override
	public boolean holdsCallerThread() {
		return true;
	}

	@Override
	public CompletableFuture<FetchedResponse> get(String endpoint, URI uri) {
		return get(endpoint, uri, Map.of());
	}

	@Override
	public CompletableFuture<FetchedResponse> get(String endpoint, URI uri, Map<String, String> headers) {
		long start = System.nanoTime();
		try {
			FetchedResponse response = this.restClient.get()
				.uri(uri)
				.accept(MediaType.APPLICATION_JSON)
				.headers((sent) -> headers.forEach(sent::set))
				.exchange((request, clientResponse) -> new FetchedResponse(clientResponse.getStatusCode().value(),
						clientResponse.getHeaders().getCacheControl(),
						clientResponse.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
						read(endpoint, uri, clientResponse.getBody(), start)), true);
			return CompletableFuture.completedFuture(response);
		}
		catch (IdentityProviderException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		catch (RestClientException | IllegalStateException ex) {
			return CompletableFuture.failedFuture(ProviderFailures.transportFailed(endpoint, uri, ex));
		}
	}

	@Override
	public CompletableFuture<FetchedResponse> post(FormPost post) {
		long start = System.nanoTime();
		LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		post.form().forEach((entry) -> form.add(entry.getKey(), entry.getValue()));
		try {
			FetchedResponse response = this.restClient.post()
				.uri(post.uri())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.headers((headers) -> post.headers().forEach(headers::set))
				.body(form)
				.exchange((request, clientResponse) -> new FetchedResponse(clientResponse.getStatusCode().value(),
						clientResponse.getHeaders().getCacheControl(),
						clientResponse.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
						read(post.endpoint(), post.uri(), clientResponse.getBody(), start)), true);
			return CompletableFuture.completedFuture(response);
		}
		catch (IdentityProviderException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		catch (RestClientException | IllegalStateException ex) {
			return CompletableFuture.failedFuture(ProviderFailures.transportFailed(post.endpoint(), post.uri(), ex));
		}
	}

	/** Retries on a blocking transport wait on the caller's own thread: it may block. */
	@Override
	public CompletableFuture<Void> delay(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
			return CompletableFuture.completedFuture(null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Read the body in chunks as they arrive, checking the deadline between them and the
	 * size limit.
	 */
	private String read(String endpoint, URI uri, InputStream body, long start) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] chunk = new byte[CHUNK];
		while (true) {
			checkDeadline(endpoint, uri, start);
			int read = body.read(chunk);
			if (read < 0) {
				break;
			}
			if (bytes.size() + read > HttpFetcher.MAXIMUM_BODY) {
				throw ProviderFailures.bodyTooLarge(endpoint, uri);
			}
			bytes.write(chunk, 0, read);
		}
		checkDeadline(endpoint, uri, start);
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private void checkDeadline(String endpoint, URI uri, long start) {
		if (System.nanoTime() - start > this.deadlineNanos) {
			throw HttpFetcher.deadlinePassed(endpoint, uri, this.deadline);
		}
	}

}
