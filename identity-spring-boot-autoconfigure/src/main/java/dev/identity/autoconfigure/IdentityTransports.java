package dev.identity.autoconfigure;

import dev.identity.client.ReactiveOAuthClient;
import dev.identity.engine.internal.IdentityEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the HTTP clients of the identity client from the application's builders, so its
 * SSL bundles, proxies, observation and codecs apply, with the {@code identity.http}
 * timeouts on top and redirects never followed. Builders are cloned: a shared builder of
 * the application is never changed.
 */
final class IdentityTransports {

	private IdentityTransports() {
	}

	static RestClient restClient(ObjectProvider<RestClient.Builder> builder,
			ObjectProvider<HttpClientSettings> settings, ClientHttpRequestFactoryBuilder<?> requestFactory,
			IdentityProperties.Http http) {
		HttpClientSettings timeouts = providerSettings(settings, http);
		return builder.getIfAvailable(RestClient::builder)
			.clone()
			.requestFactory(requestFactory.build(timeouts))
			.build();
	}

	static ReactiveOAuthClient reactiveClient(IdentityEngine engine, ObjectProvider<WebClient.Builder> builder,
			ObjectProvider<HttpClientSettings> settings, ObjectProvider<ClientHttpConnectorBuilder<?>> connector,
			IdentityProperties.Http http) {
		HttpClientSettings timeouts = providerSettings(settings, http);
		WebClient webClient = builder.getIfAvailable(WebClient::builder)
			.clone()
			.clientConnector(connector.getIfAvailable(ClientHttpConnectorBuilder::detect).build(timeouts))
			.build();
		return new ReactiveOAuthClient(engine, webClient, engine.getSettings().fetches().deadline());
	}

	/**
	 * The application's HTTP client settings (SSL bundle, ...) with the
	 * {@code identity.http} timeouts, and redirects never followed: a redirect could lead
	 * a request off the host the discovery policy allowed, and re-send client credentials
	 * or an access token there. A 3xx answer is a provider error.
	 */
	private static HttpClientSettings providerSettings(ObjectProvider<HttpClientSettings> settings,
			IdentityProperties.Http http) {
		return settings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(http.getConnectTimeout(), http.getReadTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
	}

}
