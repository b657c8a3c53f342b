package dev.identity.browser.servlet;

import java.util.List;

import dev.identity.browser.BrowserLoginProperties;
import dev.identity.browser.internal.BrowserLoginBeans;
import dev.identity.browser.internal.BrowserLoginFlow;
import dev.identity.browser.internal.PendingLoginCookies;
import dev.identity.client.SmartOAuthClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The beans of {@link BrowserLoginWebMvcAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@Import(BrowserLoginBeans.class)
class BrowserLoginWebMvcConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BrowserSession browserSession() {
		return new BrowserSession();
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
