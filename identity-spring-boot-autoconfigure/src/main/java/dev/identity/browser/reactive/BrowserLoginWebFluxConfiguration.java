package dev.identity.browser.reactive;

import dev.identity.browser.BrowserLoginProperties;
import dev.identity.browser.internal.BrowserLoginBeans;
import dev.identity.browser.internal.BrowserLoginFlow;
import dev.identity.browser.internal.PendingLoginCookies;
import dev.identity.client.SmartOAuthClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * The beans of {@link BrowserLoginWebFluxAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@Import(BrowserLoginBeans.class)
class BrowserLoginWebFluxConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveBrowserSession reactiveBrowserSession() {
		return new ReactiveBrowserSession();
	}

	/** Picked up, in its order, by the application's web filter chain. */
	@Bean
	@ConditionalOnMissingBean
	BrowserLoginWebFilter browserLoginWebFilter(BrowserLoginFlow flow, SmartOAuthClient client,
			PendingLoginCookies cookies, BrowserLoginProperties properties) {
		return new BrowserLoginWebFilter(flow, client, cookies, properties.getFilterOrder());
	}

	@Bean
	WebFluxConfigurer browserLoginWebFluxConfigurer(ReactiveBrowserSession sessions) {
		return new WebFluxConfigurer() {

			@Override
			public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
				configurer.addCustomResolver(new ReactiveAuthenticatedUserArgumentResolver(sessions));
			}

		};
	}

}
