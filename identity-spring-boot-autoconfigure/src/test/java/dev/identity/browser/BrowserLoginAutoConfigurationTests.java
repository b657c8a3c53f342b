package dev.identity.browser;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.browser.reactive.BrowserLoginWebFilter;
import dev.identity.browser.reactive.BrowserLoginWebFluxAutoConfiguration;
import dev.identity.browser.reactive.ReactiveBrowserSession;
import dev.identity.browser.servlet.BrowserLoginFilter;
import dev.identity.browser.servlet.BrowserLoginWebMvcAutoConfiguration;
import dev.identity.browser.servlet.BrowserSession;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the browser login is configured: only for web applications with a client id, on the stack the
 * application runs, backing off from the application's own beans.
 */
class BrowserLoginAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(IdentityAutoConfiguration.class,
			BrowserLoginWebMvcAutoConfiguration.class, BrowserLoginWebFluxAutoConfiguration.class);

	private static final String[] CLIENT = { "identity.issuer-uri=https://idp.example.com",
			"identity.client-id=web-app", "identity.client-secret=secret" };

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void servletApplicationWithClientIdThenMvcLoginOnly() {
		this.servlet.withPropertyValues(CLIENT).run((context) -> {
			assertThat(context).hasSingleBean(BrowserLoginFlow.class)
				.hasSingleBean(BrowserLoginFilter.class)
				.hasSingleBean(BrowserSession.class)
				.hasSingleBean(WebMvcConfigurer.class)
				.doesNotHaveBean(BrowserLoginWebFilter.class)
				.doesNotHaveBean(ReactiveBrowserSession.class);
			assertThat(context.getBean(BrowserLoginFilter.class).getOrder()).isEqualTo(-200);
		});
	}

	@Test
	void reactiveApplicationWithClientIdThenWebFluxLoginOnly() {
		this.reactive.withPropertyValues(CLIENT).withPropertyValues("identity.login.filter-order=-150").run((context) -> {
			assertThat(context).hasSingleBean(BrowserLoginFlow.class)
				.hasSingleBean(BrowserLoginWebFilter.class)
				.hasSingleBean(ReactiveBrowserSession.class)
				.doesNotHaveBean(BrowserLoginFilter.class)
				.doesNotHaveBean(BrowserSession.class);
			assertThat(context.getBean(BrowserLoginWebFilter.class).getOrder()).isEqualTo(-150);
		});
	}

	@Test
	void webApplicationWithoutClientIdThenNoLogin() {
		this.servlet.withPropertyValues("identity.issuer-uri=https://idp.example.com")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BrowserLoginFlow.class));
		this.reactive.withPropertyValues("identity.issuer-uri=https://idp.example.com")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BrowserLoginFlow.class));
	}

	@Test
	void loginDisabledThenNoLogin() {
		this.servlet.withPropertyValues(CLIENT)
			.withPropertyValues("identity.login.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BrowserLoginFlow.class)
				.doesNotHaveBean(BrowserLoginFilter.class));
	}

	@Test
	void nonWebApplicationThenNoLogin() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(CLIENT)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BrowserLoginFlow.class));
	}

	@Test
	void servletApplicationWithoutSpringMvcThenNoLogin() {
		this.servlet.withPropertyValues(CLIENT)
			.withClassLoader(new FilteredClassLoader(WebMvcConfigurer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(BrowserLoginFilter.class));
	}

	@Test
	void userBeansThenLoginBacksOff() {
		this.servlet.withPropertyValues(CLIENT).withUserConfiguration(OwnSession.class).run((context) -> {
			assertThat(context).hasSingleBean(BrowserSession.class);
			assertThat(context.getBean(BrowserSession.class)).isSameAs(context.getBean("ownSession"));
		});
	}

	@Test
	void invalidPropertyThenStartupFailsNamingIt() {
		this.servlet.withPropertyValues(CLIENT)
			.withPropertyValues("identity.login.callback-path=login/callback")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("identity.login.callback-path"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSession {

		@Bean
		BrowserSession ownSession() {
			return new BrowserSession();
		}

	}

}
