package dev.identity.client;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Makes a {@link WebClient} send a client-credentials bearer token to the origins it is
 * configured for, without blocking, and retry once with a new token when the resource
 * server answers 401. Apply it only to the clients that call APIs on this application's
 * behalf, after their base URL: <pre class="code">
 * WebClient orders = builder.baseUrl("https://orders.internal").apply(clientCredentials).build();
 * </pre> The token goes only to the origin (scheme, host, port) of the base URL, or to
 * those named with {@link #forOrigins(String...)}: a request to any other origin, such as
 * an absolute URL built from user input, goes out without it (logged once per origin). A
 * token the resource server refuses is renewed at most once per token request every 30
 * seconds; after that, a 401 is answered as it is. It deliberately is not a
 * {@code WebClientCustomizer} bean, which Spring Boot would apply to every client.
 */
public final class ClientCredentialsWebClientCustomizer implements Consumer<WebClient.Builder> {

	private final ClientCredentialsTarget target;

	/**
	 * Create a customizer for the configured client-credentials request, sending the
	 * token to the base URL's origin.
	 * @param client the client whose token cache to use
	 */
	public ClientCredentialsWebClientCustomizer(SmartOAuthClient client) {
		this(ClientCredentialsTarget.of(client));
	}

	private ClientCredentialsWebClientCustomizer(ClientCredentialsTarget target) {
		this.target = target;
	}

	/**
	 * A customizer that requests tokens with other scopes, resources or audiences.
	 * @param request the request
	 * @return a new customizer
	 */
	public ClientCredentialsWebClientCustomizer forRequest(TokenRequest.ClientCredentials request) {
		return new ClientCredentialsWebClientCustomizer(this.target.withRequest(request));
	}

	/**
	 * A customizer that sends the token to the given origins instead of the base URL's.
	 * @param origins absolute {@code http} or {@code https} URLs, e.g.
	 * {@code https://orders.internal}; only their scheme, host and port count
	 * @return a new customizer
	 * @throws IllegalArgumentException when a URL has no scheme or host, or none is given
	 */
	public ClientCredentialsWebClientCustomizer forOrigins(String... origins) {
		return new ClientCredentialsWebClientCustomizer(this.target.withOrigins(origins));
	}

	/**
	 * Add the token to the builder's requests.
	 * @param builder the builder, with its base URL set unless origins were named
	 * @throws IllegalStateException when no origins were named and the builder has no
	 * base URL
	 */
	@Override
	public void accept(WebClient.Builder builder) {
		Set<String> origins = this.target.origins(() -> baseUrl(builder), "WebClient.Builder");
		builder.filter(new Filter(origins));
	}

	/**
	 * The base URL as the builder's own URI factory resolves it, read from a copy of the
	 * builder that has no connector and sends nothing.
	 */
	private static @Nullable URI baseUrl(WebClient.Builder builder) {
		AtomicReference<URI> base = new AtomicReference<>();
		try {
			builder.clone().exchangeFunction((request) -> Mono.empty()).build().get().uri((uri) -> {
				base.set(uri.build());
				return base.get();
			});
		}
		catch (IllegalArgumentException ex) {
			// A base URL with template variables it cannot expand alone: no origin to
			// take from it.
			return null;
		}
		return base.get();
	}

	private final class Filter implements ExchangeFilterFunction {

		private final Set<String> origins;

		Filter(Set<String> origins) {
			this.origins = origins;
		}

		@Override
		public Mono<ClientResponse> filter(ClientRequest clientRequest, ExchangeFunction next) {
			ClientCredentialsTarget target = ClientCredentialsWebClientCustomizer.this.target;
			if (!target.attaches(clientRequest.url(), this.origins)) {
				return next.exchange(clientRequest);
			}
			return target.tokenAsync()
				.flatMap((token) -> next.exchange(withToken(clientRequest, token)).flatMap((response) -> {
					if (!target.retries(response.statusCode().value(), token.getAccessToken())) {
						return Mono.just(response);
					}
					// The resource server refused a token we still thought valid
					// (revoked, or keys rotated): try once with a fresh one.
					return response.releaseBody()
						.then(Mono.defer(target::tokenAsync))
						.flatMap((fresh) -> next.exchange(withToken(clientRequest, fresh)));
				}));
		}

		private ClientRequest withToken(ClientRequest request, TokenResponse token) {
			return ClientRequest.from(request)
				.headers((headers) -> headers.setBearerAuth(token.getAccessToken()))
				.build();
		}

	}

}
