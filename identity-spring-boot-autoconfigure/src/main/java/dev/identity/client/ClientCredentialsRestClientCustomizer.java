package dev.identity.client;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * Makes a {@link RestClient} send a client-credentials bearer token on every request, renewing it
 * from the shared cache, and retrying once with a new token when the resource server answers 401.
 * Apply it only to the clients that call APIs on this application's behalf:
 * <pre class="code">
 * RestClient orders = builder.apply(clientCredentials).baseUrl("https://orders.internal").build();
 * </pre>
 * It deliberately is not a {@code RestClientCustomizer} bean, which Spring Boot would apply to every
 * client and so send the token to any host.
 */
public final class ClientCredentialsRestClientCustomizer implements Consumer<RestClient.Builder> {

	private final SmartOAuthClient client;

	private final TokenRequest.ClientCredentials request;

	/**
	 * Create a customizer for the configured client-credentials request.
	 * @param client the client whose token cache to use
	 */
	public ClientCredentialsRestClientCustomizer(SmartOAuthClient client) {
		this(client, client.getEngine().getSettings().tokens().defaultRequest());
	}

	private ClientCredentialsRestClientCustomizer(SmartOAuthClient client, TokenRequest.ClientCredentials request) {
		this.client = Objects.requireNonNull(client, "client");
		this.request = Objects.requireNonNull(request, "request");
	}

	/**
	 * A customizer that requests tokens with other scopes, resources or audiences.
	 * @param request the request
	 * @return a new customizer
	 */
	public ClientCredentialsRestClientCustomizer forRequest(TokenRequest.ClientCredentials request) {
		return new ClientCredentialsRestClientCustomizer(this.client, request);
	}

	@Override
	public void accept(RestClient.Builder builder) {
		builder.requestInterceptor(new Interceptor());
	}

	private final class Interceptor implements ClientHttpRequestInterceptor {

		@Override
		public ClientHttpResponse intercept(HttpRequest httpRequest, byte[] body, ClientHttpRequestExecution execution)
				throws IOException {
			SmartOAuthClient oauth = ClientCredentialsRestClientCustomizer.this.client;
			TokenRequest.ClientCredentials tokenRequest = ClientCredentialsRestClientCustomizer.this.request;
			TokenResponse token = oauth.clientCredentials(tokenRequest);
			httpRequest.getHeaders().setBearerAuth(token.getAccessToken());
			ClientHttpResponse response = execution.execute(httpRequest, body);
			if (response.getStatusCode().value() != 401) {
				return response;
			}
			// The resource server refused a token we still thought valid (revoked, or keys rotated):
			// drop it and try once with a fresh one.
			response.close();
			oauth.getEngine().evictClientCredentials(tokenRequest, token.getAccessToken());
			httpRequest.getHeaders().setBearerAuth(oauth.clientCredentials(tokenRequest).getAccessToken());
			return execution.execute(httpRequest, body);
		}

	}

}
