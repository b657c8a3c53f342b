package dev.identity.autoconfigure;

import dev.identity.claims.IdentityClaimsProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the identity client: one engine for the issuer and the clients
 * over it. A servlet or non-web application gets {@code OAuthClient} and
 * {@code SmartOAuthClient}; a reactive one gets {@code ReactiveOAuthClient} and
 * {@code SmartOAuthClient}. Nothing is created without {@code identity.issuer-uri}, and
 * nothing calls the provider at start-up.
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" },
		// Our decoders come first, so Spring Boot's own resource-server decoders back
		// off.
		beforeName = {
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.ReactiveOAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@ConditionalOnIssuer
@EnableConfigurationProperties({ IdentityProperties.class, IdentityClaimsProperties.class })
@Import({ IdentityConfigurations.EngineConfiguration.class, IdentityConfigurations.BlockingClientConfiguration.class,
		IdentityConfigurations.ReactiveClientConfiguration.class, IdentityConfigurations.SmartClientConfiguration.class,
		IdentityConfigurations.ClientCredentialsConfiguration.class, IdentityConfigurations.ClaimsConfiguration.class })
public final class IdentityAutoConfiguration {

}
