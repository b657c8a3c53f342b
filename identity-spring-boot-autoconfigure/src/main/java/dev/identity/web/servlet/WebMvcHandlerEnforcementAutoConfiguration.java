package dev.identity.web.servlet;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The start-up check that no Spring MVC controller method using the identity starter runs
 * unchecked: without an issuer, with {@link IdentityWebMvcAutoConfiguration} excluded, or
 * with a web configuration that does not apply the starter, such a method stops start-up.
 * On in every servlet web application, apart from the auto-configuration it guards, so
 * that excluding that one does not remove the check.
 */
@AutoConfiguration(after = IdentityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@Import(WebMvcHandlerEnforcementConfiguration.class)
public final class WebMvcHandlerEnforcementAutoConfiguration {

}
