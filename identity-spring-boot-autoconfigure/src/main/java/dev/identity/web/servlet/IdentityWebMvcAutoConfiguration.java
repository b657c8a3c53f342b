package dev.identity.web.servlet;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auto-configuration of validated bearer tokens in Spring MVC controllers: parameters of
 * type {@link dev.identity.core.ValidatedToken} and
 * {@link dev.identity.claims.TokenClaims}, parameters annotated with
 * {@link dev.identity.web.Claim @Claim}, the
 * {@link dev.identity.web.RequireRole @RequireRole},
 * {@link dev.identity.web.RequirePermission @RequirePermission} and
 * {@link dev.identity.web.RequireScope @RequireScope} requirements, the
 * {@link IdentityFilterFunctions} of functional routes, and their RFC 6750 answers.
 * Tokens are validated by the application's {@link dev.identity.client.OAuthClient}.
 * <p>
 * Without an issuer none of that exists, and a handler that uses any of it stops start-up
 * instead of running unchecked ({@link WebMvcHandlerEnforcementAutoConfiguration}, which
 * stays when this one is excluded).
 */
@AutoConfiguration(after = IdentityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@Import(IdentityWebMvcConfiguration.class)
public final class IdentityWebMvcAutoConfiguration {

}
