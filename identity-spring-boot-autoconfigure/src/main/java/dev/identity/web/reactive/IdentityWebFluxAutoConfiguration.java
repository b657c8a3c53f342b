package dev.identity.web.reactive;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Auto-configuration of validated bearer tokens in Spring WebFlux controllers: parameters
 * of type {@link dev.identity.core.ValidatedToken} and
 * {@link dev.identity.claims.TokenClaims}, parameters annotated with
 * {@link dev.identity.web.Claim @Claim}, the
 * {@link dev.identity.web.RequireRole @RequireRole},
 * {@link dev.identity.web.RequirePermission @RequirePermission} and
 * {@link dev.identity.web.RequireScope @RequireScope} requirements, the
 * {@link ReactiveIdentityFilterFunctions} of functional routes, and their RFC 6750
 * answers. Tokens are validated by the application's
 * {@link dev.identity.client.ReactiveOAuthClient}, without blocking.
 * <p>
 * Without an issuer none of that exists, and a handler that uses any of it stops start-up
 * instead of running unchecked ({@link WebFluxHandlerEnforcementAutoConfiguration}, which
 * stays when this one is excluded).
 */
@AutoConfiguration(after = IdentityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(WebFluxConfigurer.class)
@Import(IdentityWebFluxConfiguration.class)
public final class IdentityWebFluxAutoConfiguration {

}
