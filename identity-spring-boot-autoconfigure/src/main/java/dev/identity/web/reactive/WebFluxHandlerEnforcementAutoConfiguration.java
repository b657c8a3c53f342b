package dev.identity.web.reactive;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * The start-up check that no WebFlux controller method using the identity starter runs
 * unchecked: without an issuer, with {@link IdentityWebFluxAutoConfiguration} excluded,
 * or with a web configuration that does not apply the starter, such a method stops
 * start-up. On in every reactive web application, apart from the auto-configuration it
 * guards, so that excluding that one does not remove the check.
 */
@AutoConfiguration(after = IdentityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(WebFluxConfigurer.class)
@Import(WebFluxHandlerEnforcementConfiguration.class)
public final class WebFluxHandlerEnforcementAutoConfiguration {

}
