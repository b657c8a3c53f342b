package dev.identity.browser.servlet;

import java.util.List;

import dev.identity.browser.BrowserLoginProperties;
import dev.identity.browser.internal.BrowserLoginConfigurationCheck;
import dev.identity.browser.internal.BrowserLoginFlow;
import dev.identity.browser.internal.PendingLoginCookies;
import dev.identity.client.SmartOAuthClient;
import dev.identity.engine.internal.IdentityEngine;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The beans of {@link BrowserLoginWebMvcAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class BrowserLoginWebMvcConfiguration {

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
	BrowserSession browserSession() {
		return new BrowserSession();
	}

	@Bean
	@ConditionalOnMissingBean
	PendingLoginCookies pendingLoginCookies(BrowserLoginProperties properties) {
		return new PendingLoginCookies(properties);
	}

	/**
	 * Registered with the servlet container for every request, as any {@code Filter}
	 * bean.
	 */
	@Bean
	@ConditionalOnMissingBean
	BrowserLoginFilter browserLoginFilter(BrowserLoginFlow flow, SmartOAuthClient client, BrowserSession sessions,
			PendingLoginCookies cookies, BrowserLoginProperties properties) {
		return new BrowserLoginFilter(flow, client, sessions, cookies, properties.getFilterOrder());
	}

	@Bean
	WebMvcConfigurer browserLoginWebMvcConfigurer(BrowserLoginFlow flow, BrowserSession sessions) {
		return new WebMvcConfigurer() {

			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new AuthenticatedUserArgumentResolver(sessions));
			}

			@Override
			public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
				resolvers.add(new LoginRequiredExceptionResolver(flow));
			}

		};
	}

}
