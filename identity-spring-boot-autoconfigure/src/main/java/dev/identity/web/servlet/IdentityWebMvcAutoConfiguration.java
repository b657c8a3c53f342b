package dev.identity.web.servlet;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.claims.ClaimsReader;
import dev.identity.client.OAuthClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auto-configuration of validated bearer tokens in Spring MVC controllers: parameters of type
 * {@link dev.identity.core.ValidatedToken} and {@link dev.identity.claims.TokenClaims}, parameters
 * annotated with {@link dev.identity.web.Claim @Claim}, the {@link dev.identity.web.RequireRole @RequireRole},
 * {@link dev.identity.web.RequirePermission @RequirePermission} and
 * {@link dev.identity.web.RequireScope @RequireScope} requirements, and their RFC 6750 answers. Tokens
 * are validated by the application's {@link OAuthClient}.
 */
@AutoConfiguration(after = IdentityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@ConditionalOnBean({ OAuthClient.class, ClaimsReader.class })
@Import(IdentityWebMvcConfiguration.class)
public final class IdentityWebMvcAutoConfiguration {

}
