package dev.identity.browser.internal;

import dev.identity.browser.BrowserLoginProperties;
import dev.identity.engine.internal.IdentityEngine;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The browser login beans both web stacks declare alike: the flow, its start-up check and
 * the pending-login cookies. Imported by the servlet and the WebFlux configuration, so
 * the two cannot drift apart; each adds only its own filter, session and argument
 * resolver.
 */
@Configuration(proxyBeanMethods = false)
public final class BrowserLoginBeans {

	@Bean
	@ConditionalOnMissingBean
	BrowserLoginFlow browserLoginFlow(BrowserLoginProperties properties, IdentityEngine engine) {
		return new BrowserLoginFlow(properties, engine);
	}

	/**
	 * The login properties, checked with the engine's so that one start-up failure
	 * reports every invalid property.
	 */
	@Bean
	BrowserLoginConfigurationCheck browserLoginConfigurationCheck(BrowserLoginProperties properties) {
		return new BrowserLoginConfigurationCheck(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	PendingLoginCookies pendingLoginCookies(BrowserLoginProperties properties) {
		return new PendingLoginCookies(properties);
	}

}
