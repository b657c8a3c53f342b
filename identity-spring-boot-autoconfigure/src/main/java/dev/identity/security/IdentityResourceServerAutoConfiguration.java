package dev.identity.security;

import dev.identity.autoconfigure.ConditionalOnIssuer;
import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.autoconfigure.NotReactiveWebApplicationCondition;
import dev.identity.claims.IdentityAuthoritiesMapper;
import dev.identity.client.OAuthClient;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.client.SmartOAuthClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;

/**
 * Spring Security's resource server on the engine: the {@link JwtDecoder} or
 * {@link ReactiveJwtDecoder} that {@code oauth2ResourceServer(o -> o.jwt(...))} picks up,
 * and its authorities from the claims mapping. Before Spring Boot's own resource-server
 * auto-configuration, so that its decoders back off.
 */
@AutoConfiguration(after = IdentityAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.ReactiveOAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@ConditionalOnIssuer
public final class IdentityResourceServerAutoConfiguration {

	/** Spring Security's resource server on the blocking client. */
	@Bean
	@Conditional(NotReactiveWebApplicationCondition.class)
	@ConditionalOnBean(OAuthClient.class)
	@ConditionalOnMissingBean(JwtDecoder.class)
	EngineJwtDecoder identityJwtDecoder(OAuthClient client) {
		return new EngineJwtDecoder(client);
	}

	/** Spring Security's reactive resource server on the reactive client. */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnBean(ReactiveOAuthClient.class)
	@ConditionalOnMissingBean(ReactiveJwtDecoder.class)
	EngineReactiveJwtDecoder identityReactiveJwtDecoder(ReactiveOAuthClient client) {
		return new EngineReactiveJwtDecoder(client);
	}

	@Bean
	@ConditionalOnBean({ SmartOAuthClient.class, IdentityAuthoritiesMapper.class })
	@ConditionalOnMissingBean
	ValidatedJwtAuthoritiesConverter identityJwtAuthoritiesConverter(SmartOAuthClient client,
			IdentityAuthoritiesMapper mapper) {
		return new ValidatedJwtAuthoritiesConverter(client, mapper);
	}

	/**
	 * Authorities of Spring Security's resource server from the claims mapping, when the
	 * application uses it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(
			name = "org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter")
	static class ResourceServerConfiguration {

		/**
		 * Picked up by Spring Security's {@code oauth2ResourceServer(o -> o.jwt(...))}.
		 */
		@Bean
		@ConditionalOnMissingBean
		@Conditional(NotReactiveWebApplicationCondition.class)
		JwtAuthenticationConverter identityJwtAuthenticationConverter(ValidatedJwtAuthoritiesConverter authorities) {
			JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
			converter.setJwtGrantedAuthoritiesConverter(authorities);
			return converter;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		ReactiveJwtAuthenticationConverter identityReactiveJwtAuthenticationConverter(
				ValidatedJwtAuthoritiesConverter authorities) {
			ReactiveJwtAuthenticationConverter converter = new ReactiveJwtAuthenticationConverter();
			converter.setJwtGrantedAuthoritiesConverter(authorities.reactive());
			return converter;
		}

	}

}
