package dev.identity.browser.reactive;

import dev.identity.autoconfigure.ConditionalOnClientId;
import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.browser.BrowserLoginProperties;
import dev.identity.client.SmartOAuthClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Browser login for Spring WebFlux applications with a client id: {@code GET /login},
 * {@code GET /register}, the callback and {@code POST /logout}, whose {@code GET} asks to
 * confirm (see {@code identity.login.*}), on the {@code WebSession}, the
 * {@link dev.identity.login.AuthenticatedUser} handler parameter and
 * {@link ReactiveBrowserSession}.
 */
@AutoConfiguration(after = IdentityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = "org.springframework.web.reactive.config.WebFluxConfigurer")
@ConditionalOnClientId
@ConditionalOnBooleanProperty(name = "identity.login.enabled", matchIfMissing = true)
@ConditionalOnBean(SmartOAuthClient.class)
@EnableConfigurationProperties(BrowserLoginProperties.class)
@Import(BrowserLoginWebFluxConfiguration.class)
public final class BrowserLoginWebFluxAutoConfiguration {

}
