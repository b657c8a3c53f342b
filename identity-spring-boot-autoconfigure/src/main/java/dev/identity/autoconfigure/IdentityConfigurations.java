package dev.identity.autoconfigure;

import java.time.Clock;

import dev.identity.autoconfigure.internal.EngineSettingsFactory;
import dev.identity.autoconfigure.internal.IdentityTransports;
import dev.identity.claims.ClaimsReader;
import dev.identity.claims.IdentityAuthoritiesMapper;
import dev.identity.claims.IdentityClaimsProperties;
import dev.identity.client.ClientCredentialsRestClientCustomizer;
import dev.identity.client.ClientCredentialsWebClientCustomizer;
import dev.identity.client.OAuthClient;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.client.SmartOAuthClient;
import dev.identity.core.ClaimRule;
import dev.identity.engine.internal.EngineObserver;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.IdentityEngines;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The configurations imported by {@link IdentityAutoConfiguration}.
 */
final class IdentityConfigurations {

	private IdentityConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	static class EngineConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IdentityEngine identityEngine(IdentityProperties properties, ObjectProvider<Clock> clock,
				ObjectProvider<IdentityConfigurationCheck> checks, ObjectProvider<ClaimRule> claimRules,
				ObjectProvider<EngineObserver.Factory> observers) {
			// The application's claim rules, in @Order, apply to every access token the
			// engine validates, whichever client, decoder or controller asked.
			EngineSettings settings = EngineSettingsFactory.create(properties, checks.orderedStream().toList(),
					claimRules.orderedStream().toList());
			AudienceWarning.logIfUnchecked(settings);
			// Metrics and traces, when the application has a registry for them.
			EngineObserver observer = observers.getIfAvailable(() -> EngineObserver.Factory.NONE)
				.forIssuer(IdentityEngines.DEFAULT_NAME);
			return new IdentityEngine(settings, clock.getIfUnique(Clock::systemUTC), null, observer);
		}

		/**
		 * The engines of the configured issuers, by name. Each engine is closed as its
		 * own bean, not through this set.
		 */
		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		IdentityEngines identityEngines(IdentityEngine engine) {
			return IdentityEngines.of(engine);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(NotReactiveWebApplicationCondition.class)
	static class BlockingClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OAuthClient oAuthClient(IdentityEngine engine, IdentityProperties properties,
				ObjectProvider<RestClient.Builder> builder, ObjectProvider<HttpClientSettings> settings,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactory) {
			return new OAuthClient(engine, IdentityTransports.restClient(builder, settings,
					requestFactory.getIfAvailable(ClientHttpRequestFactoryBuilder::detect), properties.getHttp()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class ReactiveClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveOAuthClient reactiveOAuthClient(IdentityEngine engine, IdentityProperties properties,
				ObjectProvider<WebClient.Builder> builder, ObjectProvider<HttpClientSettings> settings,
				ObjectProvider<ClientHttpConnectorBuilder<?>> connector) {
			return IdentityTransports.reactiveClient(engine, builder, settings, connector, properties.getHttp());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SmartClientConfiguration {

		/**
		 * The smart client wraps both flavors. The flavor this application type has no
		 * bean for is built here on the same engine: a reactive application's blocking
		 * side always uses the JDK HTTP client, so a blocking call allowed on an event
		 * loop never waits on that loop's own connections.
		 */
		@Bean
		@ConditionalOnMissingBean
		SmartOAuthClient smartOAuthClient(IdentityEngine engine, IdentityProperties properties,
				ObjectProvider<OAuthClient> blocking, ObjectProvider<ReactiveOAuthClient> reactive,
				ObjectProvider<RestClient.Builder> restBuilder, ObjectProvider<WebClient.Builder> webBuilder,
				ObjectProvider<HttpClientSettings> settings, ObjectProvider<ClientHttpConnectorBuilder<?>> connector) {
			OAuthClient blockingClient = blocking.getIfUnique(() -> new OAuthClient(engine, IdentityTransports
				.restClient(restBuilder, settings, ClientHttpRequestFactoryBuilder.jdk(), properties.getHttp())));
			ReactiveOAuthClient reactiveClient = reactive.getIfUnique(() -> IdentityTransports.reactiveClient(engine,
					webBuilder, settings, connector, properties.getHttp()));
			return new SmartOAuthClient(blockingClient, reactiveClient, properties.getSmart().getEventLoopPolicy());
		}

	}

	/**
	 * Outgoing calls with a client-credentials token, for applications with a client id.
	 * The customizers are offered, not applied: the application picks the clients that
	 * carry the token.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "identity", name = "client-id")
	static class ClientCredentialsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClientCredentialsRestClientCustomizer clientCredentialsRestClientCustomizer(SmartOAuthClient client) {
			return new ClientCredentialsRestClientCustomizer(client);
		}

		@Bean
		@ConditionalOnMissingBean
		ClientCredentialsWebClientCustomizer clientCredentialsWebClientCustomizer(SmartOAuthClient client) {
			return new ClientCredentialsWebClientCustomizer(client);
		}

	}

	/**
	 * Claims, roles, permissions, groups and feature flags of validated tokens, and the
	 * Spring Security authorities they map to.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ClaimsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClaimsReader identityClaimsReader(IdentityClaimsProperties claims, IdentityProperties identity) {
			if (claims.getClientId() == null || claims.getClientId().isBlank()) {
				// Keycloak's client roles are keyed by the client id: no need to
				// configure it twice.
				claims.setClientId(identity.getClientId());
			}
			return claims.toClaimsReader();
		}

		@Bean
		@ConditionalOnMissingBean
		IdentityAuthoritiesMapper identityAuthoritiesMapper(IdentityClaimsProperties claims, ClaimsReader reader) {
			return claims.toAuthoritiesMapper(reader);
		}

	}

}
