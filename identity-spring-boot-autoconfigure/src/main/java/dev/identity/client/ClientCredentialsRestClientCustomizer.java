package dev.identity.client;

import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Makes a {@link RestClient} send a client-credentials bearer token to the origins it is
 * configured for, renewing it from the shared cache, and retrying once with a new token
 * when the resource server answers 401. Apply it only to the clients that call APIs on
 * this application's behalf, after their base URL: <pre class="code">
 * RestClient orders = builder.baseUrl("https://orders.internal").apply(clientCredentials).build();
 * </pre> The token goes only to the origin (scheme, host, port) of the base URL, or to
 * those named with {@link #forOrigins(String...)}: a request to any other origin, such as
 * an absolute URL built from user input, goes out without it (logged once per origin). A
 * token the resource server refuses is renewed at most once per token request every 30
 * seconds; after that, a 401 is answered as it is. It deliberately is not a
 * {@code RestClientCustomizer} bean, which Spring Boot would apply to every client.
 */
public final class ClientCredentialsRestClientCustomizer implements Consumer<RestClient.Builder> {

	private final ClientCredentialsTarget target;

	/**
	 * Create a customizer for the configured client-credentials request, sending the
	 * token to the base URL's origin.
	 * @param client the client whose token cache to use
	 */
	public ClientCredentialsRestClientCustomizer(SmartOAuthClient client) {
		this(ClientCredentialsTarget.of(client));
	}

	private ClientCredentialsRestClientCustomizer(ClientCredentialsTarget target) {
		this.target = target;
	}

	/**
	 * A customizer that requests tokens with other scopes, resources or audiences.
	 * @param request the request
	 * @return a new customizer
	 */
	public ClientCredentialsRestClientCustomizer forRequest(TokenRequest.ClientCredentials request) {
		return new ClientCredentialsRestClientCustomizer(this.target.withRequest(request));
	}

	/**
	 * A customizer that sends the token to the given origins instead of the base URL's.
	 * @param origins absolute {@code http} or {@code https} URLs, e.g.
	 * {@code https://orders.internal}; only their scheme, host and port count
	 * @return a new customizer
	 * @throws IllegalArgumentException when a URL has no scheme or host, or none is given
	 */
	public ClientCredentialsRestClientCustomizer forOrigins(String... origins) {
		return new ClientCredentialsRestClientCustomizer(this.target.withOrigins(origins));
	}

	/**
	 * Add the token to the builder's requests.
	 * @param builder the builder, with its base URL set unless origins were named
	 * @throws IllegalStateException when no origins were named and the builder has no
	 * base URL
	 */
	@Override
	public void accept(RestClient.Builder builder) {
		Set<String> origins = this.target.origins(() -> baseUrl(builder), "RestClient.Builder");
		builder.requestInterceptor(new Interceptor(origins));
	}

	/**
	 * The base URL as the builder's own URI factory resolves it, read from a copy of the
	 * builder without sending anything.
	 */
	private static @Nullable URI baseUrl(RestClient.Builder builder) {
		AtomicReference<URI> base = new AtomicReference<>();
		try {
			builder.clone().requestFactory(new SimpleClientHttpRequestFactory()).build().get().uri((uri) -> {
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

	private final class Interceptor implements ClientHttpRequestInterceptor {

		private final Set<String> origins;

		Interceptor(Set<String> origins) {
			this.origins = origins;
		}

		@Override
		public ClientHttpResponse intercept(HttpRequest httpRequest, byte[] body, ClientHttpRequestExecution execution)
				throws IOException {
			ClientCredentialsTarget target = ClientCredentialsRestClientCustomizer.this.target;
			if (!target.attaches(httpRequest.getURI(), this.origins)) {
				return execution.execute(httpRequest, body);
			}
			TokenResponse token = target.token();
			httpRequest.getHeaders().setBearerAuth(token.getAccessToken());
			ClientHttpResponse response = execution.execute(httpRequest, body);
			if (!target.retries(response.getStatusCode().value(), token.getAccessToken())) {
				return response;
			}
			// The resource server refused a token we still thought valid (revoked, or
			// keys rotated): try once with a fresh one.
			response.close();
			httpRequest.getHeaders().setBearerAuth(target.token().getAccessToken());
			return execution.execute(httpRequest, body);
		}

	}

}
