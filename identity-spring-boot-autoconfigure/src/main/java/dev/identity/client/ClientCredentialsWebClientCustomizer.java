package dev.identity.client;

import java.util.Objects;
import java.util.function.Consumer;

import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Makes a {@link WebClient} send a client-credentials bearer token on every request, without
 * blocking, and retry once with a new token when the resource server answers 401. Apply it only to
 * the clients that call APIs on this application's behalf:
 * <pre class="code">
 * WebClient orders = builder.apply(clientCredentials).baseUrl("https://orders.internal").build();
 * </pre>
 * It deliberately is not a {@code WebClientCustomizer} bean, which Spring Boot would apply to every
 * client and so send the token to any host.
 */
public final class ClientCredentialsWebClientCustomizer implements Consumer<WebClient.Builder> {

	private final SmartOAuthClient client;

	private final TokenRequest.ClientCredentials request;

	/**
	 * Create a customizer for the configured client-credentials request.
	 * @param client the client whose token cache to use
	 */
	public ClientCredentialsWebClientCustomizer(SmartOAuthClient client) {
		this(client, client.getEngine().getSettings().tokens().defaultRequest());
	}

	private ClientCredentialsWebClientCustomizer(SmartOAuthClient client, TokenRequest.ClientCredentials request) {
		this.client = Objects.requireNonNull(client, "client");
		this.request = Objects.requireNonNull(request, "request");
	}

	/**
	 * A customizer that requests tokens with other scopes, resources or audiences.
	 * @param request the request
	 * @return a new customizer
	 */
	public ClientCredentialsWebClientCustomizer forRequest(TokenRequest.ClientCredentials request) {
		return new ClientCredentialsWebClientCustomizer(this.client, request);
	}

	@Override
	public void accept(WebClient.Builder builder) {
		builder.filter(new Filter());
	}

	private final class Filter implements ExchangeFilterFunction {

		@Override
		public Mono<ClientResponse> filter(ClientRequest clientRequest, ExchangeFunction next) {
			SmartOAuthClient oauth = ClientCredentialsWebClientCustomizer.this.client;
			TokenRequest.ClientCredentials tokenRequest = ClientCredentialsWebClientCustomizer.this.request;
			return oauth.clientCredentialsAsync(tokenRequest)
				.flatMap((token) -> next.exchange(withToken(clientRequest, token)).flatMap((response) -> {
					if (response.statusCode().value() != 401) {
						return Mono.just(response);
					}
					return response.releaseBody().then(Mono.defer(() -> {
						oauth.getEngine().evictClientCredentials(tokenRequest, token.getAccessToken());
						return oauth.clientCredentialsAsync(tokenRequest);
					})).flatMap((fresh) -> next.exchange(withToken(clientRequest, fresh)));
				}));
		}

		private ClientRequest withToken(ClientRequest request, TokenResponse token) {
			return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(token.getAccessToken())).build();
		}

	}

}
