package dev.identity.autoconfigure.internal;

import dev.identity.autoconfigure.IdentityProperties;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.engine.internal.IdentityEngines;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.scheduler.Schedulers;

/**
 * Builds the HTTP clients of the identity client from the application's builders, so its
 * SSL bundles, proxies, observation and codecs apply, with the {@code identity.http}
 * timeouts on top and redirects never followed. Builders are cloned: a shared builder of
 * the application is never changed.
 */
public final class IdentityTransports {

	private IdentityTransports() {
	}

	public static RestClient restClient(ObjectProvider<RestClient.Builder> builder,
			ObjectProvider<HttpClientSettings> settings, ClientHttpRequestFactoryBuilder<?> requestFactory,
			IdentityProperties.Http http) {
		return restClient(builder.getIfAvailable(RestClient::builder),
				settings.getIfAvailable(HttpClientSettings::defaults), requestFactory, http);
	}

	public static RestClient restClient(RestClient.Builder builder, HttpClientSettings settings,
			ClientHttpRequestFactoryBuilder<?> requestFactory, IdentityProperties.Http http) {
		return builder.clone().requestFactory(requestFactory.build(providerSettings(settings, http))).build();
	}

	public static ReactiveOAuthClient reactiveClient(IdentityEngines engines, ObjectProvider<WebClient.Builder> builder,
			ObjectProvider<HttpClientSettings> settings, ObjectProvider<ClientHttpConnectorBuilder<?>> connector,
			IdentityProperties.Http http) {
		return reactiveClient(engines, builder.getIfAvailable(WebClient::builder),
				settings.getIfAvailable(HttpClientSettings::defaults),
				connector.getIfAvailable(ClientHttpConnectorBuilder::detect), http);
	}

	public static ReactiveOAuthClient reactiveClient(IdentityEngines engines, WebClient.Builder builder,
			HttpClientSettings settings, ClientHttpConnectorBuilder<?> connector, IdentityProperties.Http http) {
		WebClient webClient = builder.clone()
			.clientConnector(connector.build(providerSettings(settings, http)))
			.build();
		return new ReactiveOAuthClient(engines, webClient, engines.primary().getSettings().fetches().deadline(),
				Schedulers.boundedElastic());
	}

	/**
	 * The application's HTTP client settings (SSL bundle, ...) with the
	 * {@code identity.http} timeouts, and redirects never followed: a redirect could lead
	 * a request off the host the discovery policy allowed, and re-send client credentials
	 * or an access token there. A 3xx answer is a provider error.
	 */
	private static HttpClientSettings providerSettings(HttpClientSettings settings, IdentityProperties.Http http) {
		return settings.withTimeouts(http.getConnectTimeout(), http.getReadTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
	}

}
