package dev.identity.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.identity.autoconfigure.internal.EngineSettingsFactory;
import dev.identity.autoconfigure.internal.IdentityTransports;
import dev.identity.autoconfigure.internal.IssuerSettings;
import dev.identity.claims.ClaimsPreset;
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
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.IdentityEngines;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
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

		/**
		 * The settings of every configured issuer, checked once: one start-up failure
		 * lists every invalid property.
		 */
		@Bean
		@ConditionalOnMissingBean
		IssuerSettings identityIssuerSettings(IdentityProperties properties,
				ObjectProvider<IdentityConfigurationCheck> checks, ObjectProvider<ClaimRule> claimRules) {
			// The application's claim rules, in @Order, apply to every access token the
			// engines validate, whichever client, decoder or controller asked.
			IssuerSettings settings = new IssuerSettings(EngineSettingsFactory.createAll(properties,
					checks.orderedStream().toList(), claimRules.orderedStream().toList()));
			settings.all().values().forEach(AudienceWarning::logIfUnchecked);
			return settings;
		}

		/** The engine of the first issuer declared (the only one, usually). */
		@Bean
		@ConditionalOnMissingBean
		IdentityEngine identityEngine(IssuerSettings settings, ObjectProvider<Clock> clock,
				ObjectProvider<EngineObserver.Factory> observers) {
			// Metrics and traces, when the application has a registry for them.
			EngineObserver observer = observers.getIfAvailable(() -> EngineObserver.Factory.NONE)
				.forIssuer(settings.primaryName());
			return new IdentityEngine(settings.primary(), clock.getIfUnique(Clock::systemUTC), null, observer);
		}

		/**
		 * The engines of the configured issuers, by name: the primary engine bean, and
		 * one more engine for each further issuer, closed with this set.
		 */
		@Bean
		@ConditionalOnMissingBean
		IdentityEngines identityEngines(IdentityEngine primary, IssuerSettings settings, ObjectProvider<Clock> clock,
				ObjectProvider<EngineObserver.Factory> observers) {
			EngineObserver.Factory observer = observers.getIfAvailable(() -> EngineObserver.Factory.NONE);
			Map<String, IdentityEngine> engines = new LinkedHashMap<>();
			settings.all()
				.forEach((name, one) -> engines.put(name, engines.isEmpty() ? primary : new IdentityEngine(one,
						clock.getIfUnique(Clock::systemUTC), null, observer.forIssuer(name))));
			// With one issuer no token is refused before its engine sees it: no meters of
			// an unknown issuer to show.
			return new IdentityEngines(engines,
					(engines.size() > 1) ? observer.forIssuer(IdentityEngines.UNKNOWN_NAME) : EngineObserver.NONE);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(NotReactiveWebApplicationCondition.class)
	static class BlockingClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OAuthClient oAuthClient(IdentityEngines engines, IdentityProperties properties,
				ObjectProvider<RestClient.Builder> builder, ObjectProvider<HttpClientSettings> settings,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactory) {
			return new OAuthClient(engines, IdentityTransports.restClient(builder, settings,
					requestFactory.getIfAvailable(ClientHttpRequestFactoryBuilder::detect), properties.getHttp()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class ReactiveClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveOAuthClient reactiveOAuthClient(IdentityEngines engines, IdentityProperties properties,
				ObjectProvider<WebClient.Builder> builder, ObjectProvider<HttpClientSettings> settings,
				ObjectProvider<ClientHttpConnectorBuilder<?>> connector) {
			return IdentityTransports.reactiveClient(engines, builder, settings, connector, properties.getHttp());
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
		SmartOAuthClient smartOAuthClient(IdentityEngines engines, IdentityProperties properties,
				ObjectProvider<OAuthClient> blocking, ObjectProvider<ReactiveOAuthClient> reactive,
				ObjectProvider<RestClient.Builder> restBuilder, ObjectProvider<WebClient.Builder> webBuilder,
				ObjectProvider<HttpClientSettings> settings, ObjectProvider<ClientHttpConnectorBuilder<?>> connector) {
			OAuthClient blockingClient = blocking.getIfUnique(() -> new OAuthClient(engines, IdentityTransports
				.restClient(restBuilder, settings, ClientHttpRequestFactoryBuilder.jdk(), properties.getHttp())));
			ReactiveOAuthClient reactiveClient = reactive.getIfUnique(() -> IdentityTransports.reactiveClient(engines,
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
	@ConditionalOnClientId
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
			// An issuer with a preset of its own has its tokens read with that preset's
			// claim names.
			Map<String, ClaimsPreset> issuerPresets = new LinkedHashMap<>();
			identity.getIssuers().values().forEach((issuer) -> {
				URI uri = issuer.getIssuerUri();
				ClaimsPreset preset = issuer.getClaimsPreset();
				if (uri != null && preset != null) {
					issuerPresets.put(uri.toString(), preset);
				}
			});
			return claims.toClaimsReader(issuerPresets);
		}

		@Bean
		@ConditionalOnMissingBean
		IdentityAuthoritiesMapper identityAuthoritiesMapper(IdentityClaimsProperties claims, ClaimsReader reader) {
			return claims.toAuthoritiesMapper(reader);
		}

	}

}
