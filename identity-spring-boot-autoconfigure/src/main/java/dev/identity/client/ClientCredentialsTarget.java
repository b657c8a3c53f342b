package dev.identity.client;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What a client-credentials customizer sends and where, for both the {@code RestClient}
 * and the {@code WebClient} one: the token request, the origins that may receive the
 * token, and whether a refused token earns one retry. Each customizer only adapts it to
 * its client's interceptor or filter.
 */
final class ClientCredentialsTarget {

	private final SmartOAuthClient client;

	private final TokenRequest.ClientCredentials request;

	private final @Nullable Set<String> origins;

	private ClientCredentialsTarget(SmartOAuthClient client, TokenRequest.ClientCredentials request,
			@Nullable Set<String> origins) {
		this.client = Objects.requireNonNull(client, "client");
		this.request = Objects.requireNonNull(request, "request");
		this.origins = origins;
	}

	/**
	 * The configured client-credentials request, sent to the base URL's origin.
	 * @param client the client whose token cache to use
	 * @return the target
	 */
	static ClientCredentialsTarget of(SmartOAuthClient client) {
		return new ClientCredentialsTarget(client, client.getDefaultClientCredentialsRequest(), null);
	}

	/**
	 * This target with another token request.
	 * @param request the request
	 * @return a new target
	 */
	ClientCredentialsTarget withRequest(TokenRequest.ClientCredentials request) {
		return new ClientCredentialsTarget(this.client, request, this.origins);
	}

	/**
	 * This target sending the token to the given origins instead of the base URL's.
	 * @param origins absolute {@code http} or {@code https} URLs
	 * @return a new target
	 * @throws IllegalArgumentException when a URL has no scheme or host, or none is given
	 */
	ClientCredentialsTarget withOrigins(String... origins) {
		return new ClientCredentialsTarget(this.client, this.request,
				OutgoingTokenGuard.origins(List.of(Objects.requireNonNull(origins, "origins"))));
	}

	/**
	 * The origins that may receive the token: the named ones, else the base URL's.
	 * @param baseUrl the builder's base URL, read only when no origins were named
	 * @param builder the builder type, for the message
	 * @return the origins
	 * @throws IllegalStateException when no origins were named and there is no absolute
	 * base URL
	 */
	Set<String> origins(Supplier<@Nullable URI> baseUrl, String builder) {
		return (this.origins != null) ? this.origins : OutgoingTokenGuard.baseOrigin(baseUrl.get(), builder);
	}

	/**
	 * Whether a request may carry the token (a refused origin is logged once).
	 * @param url the request's URL
	 * @param origins the origins from {@link #origins}
	 * @return whether to attach the token
	 */
	boolean attaches(URI url, Set<String> origins) {
		return this.client.outgoingTokenGuard().attaches(url, origins);
	}

	/**
	 * The token to send, from the shared cache or the token endpoint, blocking.
	 * @return the token
	 */
	TokenResponse token() {
		return this.client.clientCredentials(this.request);
	}

	/**
	 * The token to send, from the shared cache or the token endpoint, without blocking.
	 * @return the token
	 */
	Mono<TokenResponse> tokenAsync() {
		return this.client.clientCredentialsAsync(this.request);
	}

	/**
	 * Whether to send the request once more, with the token {@link #token()} then gives:
	 * only after a 401, and as {@link OutgoingTokenGuard#retryAfterRefusal} allows.
	 * @param status the resource server's HTTP status
	 * @param sent the access token the request carried
	 * @return whether to retry
	 */
	boolean retries(int status, String sent) {
		return status == 401
				&& this.client.outgoingTokenGuard().retryAfterRefusal(this.client.engine(), this.request, sent);
	}

}
