package dev.identity.engine.internal.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import dev.identity.core.IdentityProviderException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Reactive transport: subscribes to a {@link WebClient} exchange and hands the engine its
 * future at once; nothing waits.
 */
public final class WebClientFetcher implements HttpFetcher {

	private final WebClient webClient;

	private final Duration timeout;

	public WebClientFetcher(WebClient webClient, Duration timeout) {
		this.webClient = webClient;
		this.timeout = timeout;
	}

	@Override
	public CompletableFuture<FetchedResponse> get(String endpoint, URI uri) {
		return get(endpoint, uri, Map.of());
	}

	@Override
	public CompletableFuture<FetchedResponse> get(String endpoint, URI uri, Map<String, String> headers) {
		return exchange(endpoint, uri,
				this.webClient.get()
					.uri(uri)
					.accept(MediaType.APPLICATION_JSON)
					.headers((sent) -> headers.forEach(sent::set)));
	}

	@Override
	public CompletableFuture<FetchedResponse> post(FormPost post) {
		LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		post.form().forEach((entry) -> form.add(entry.getKey(), entry.getValue()));
		return exchange(post.endpoint(), post.uri(),
				this.webClient.post()
					.uri(post.uri())
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.accept(MediaType.APPLICATION_JSON)
					.headers((headers) -> post.headers().forEach(headers::set))
					.body(BodyInserters.fromFormData(form)));
	}

	/** Retries on a reactive transport wait on Reactor's timer: no thread is blocked. */
	@Override
	public CompletableFuture<Void> delay(Duration delay) {
		return Mono.delay(delay).then().toFuture();
	}

	private CompletableFuture<FetchedResponse> exchange(String endpoint, URI uri,
			WebClient.RequestHeadersSpec<?> request) {
		return request
			.exchangeToMono((response) -> readBody(response).defaultIfEmpty("")
				.map((body) -> new FetchedResponse(response.statusCode().value(),
						response.headers().asHttpHeaders().getCacheControl(),
						response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), body)))
			// A safety net over the connector's own timeouts: a hung request must not
			// hold the
			// single-flight of its document forever.
			.timeout(this.timeout)
			.onErrorMap((ex) -> !(ex instanceof IdentityProviderException),
					(ex) -> (ex instanceof TimeoutException) ? HttpFetcher.deadlinePassed(endpoint, uri, this.timeout)
							: (ex instanceof DataBufferLimitException) ? ProviderFailures.bodyTooLarge(endpoint, uri)
									: ProviderFailures.transportFailed(endpoint, uri, ex))
			.toFuture();
	}

	/**
	 * The body as text, refused past {@link HttpFetcher#MAXIMUM_BODY}: the same limit as
	 * the blocking transport's, whatever the codec limit of the application's WebClient.
	 */
	private static Mono<String> readBody(ClientResponse response) {
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), HttpFetcher.MAXIMUM_BODY)
			.map((buffer) -> {
				try {
					return buffer.toString(StandardCharsets.UTF_8);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			});
	}

}
