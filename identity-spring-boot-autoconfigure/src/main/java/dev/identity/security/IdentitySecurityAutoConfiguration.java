package dev.identity.security;

import dev.identity.autoconfigure.ConditionalOnIssuer;
import dev.identity.autoconfigure.IdentityAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;

/**
 * Answers of Spring Security's resource server on the engine: a provider failure in the
 * decoder or the authorities converter is answered 503 instead of the 500 Spring
 * Security's bearer-token filter would leave, by a filter just in front of the security
 * filter chain. Nothing in the application's own {@code SecurityFilterChain} needs to
 * change.
 */
@AutoConfiguration(after = IdentityAutoConfiguration.class)
@ConditionalOnIssuer
@ConditionalOnClass(name = "org.springframework.security.oauth2.server.resource.InvalidBearerTokenException")
@Import({ ProviderFailureConfigurations.ServletConfiguration.class,
		ProviderFailureConfigurations.ReactiveConfiguration.class })
public final class IdentitySecurityAutoConfiguration {

}
