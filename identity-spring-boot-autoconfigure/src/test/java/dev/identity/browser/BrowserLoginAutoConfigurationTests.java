package dev.identity.browser;

import java.util.Map;

import dev.identity.autoconfigure.FailureReports;
import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.browser.internal.BrowserLoginFlow;
import dev.identity.browser.internal.PendingLoginCookies;
import dev.identity.browser.reactive.BrowserLoginWebFilter;
import dev.identity.browser.reactive.BrowserLoginWebFluxAutoConfiguration;
import dev.identity.browser.reactive.ReactiveBrowserSession;
import dev.identity.browser.servlet.BrowserLoginFilter;
import dev.identity.browser.servlet.BrowserLoginWebMvcAutoConfiguration;
import dev.identity.browser.servlet.BrowserSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When the browser login is configured: only for web applications with a client id, on
 * the stack the application runs, backing off from the application's own beans.
 */
@ExtendWith(OutputCaptureExtension.class)
class BrowserLoginAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(IdentityAutoConfiguration.class,
			BrowserLoginWebMvcAutoConfiguration.class, BrowserLoginWebFluxAutoConfiguration.class);

	private static final String KEY = "q83vEjRWeJq8zN7wESIzRFVmd4iZqrvM3e7/ABEiM0Q=";

	private static final String[] CLIENT = { "identity.issuer-uri=https://idp.example.com",
			"identity.client-id=web-app", "identity.client-secret=secret" };

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

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
		this.reactive.withPropertyValues(CLIENT)
			.withPropertyValues("identity.login.filter-order=-150")
			.run((context) -> {
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
				.isInstanceOf(InvalidIdentityConfigurationException.class)
				.hasMessageContaining("identity.login.callback-path"));
	}

	@Test
	void startupWhenEngineAndLoginPropertiesInvalidThenOneReportNamesBoth() {
		this.servlet.withPropertyValues(CLIENT)
			.withPropertyValues("identity.clock-skew=-1s", "identity.login.max-pending-logins=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(FailureReports.describe(context.getStartupFailure()))
					.contains("Property: identity.clock-skew")
					.contains("Property: identity.login.max-pending-logins")
					.contains("Update identity.clock-skew, identity.login.max-pending-logins");
			});
	}

	@Test
	void startupWhenLoginPropertiesInvalidThenEveryOneReported() {
		this.reactive.withPropertyValues(CLIENT)
			.withPropertyValues("identity.login.login-path=login", "identity.login.max-pending-age=0s",
					"identity.login.pending-login-key=too-short-key")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidIdentityConfigurationException.class,
						(ex) -> assertThat(ex.getProblems())
							.extracting(InvalidIdentityConfigurationException.Problem::property)
							.containsExactly("identity.login.login-path", "identity.login.max-pending-age",
									"identity.login.pending-login-key")));
	}

	@Test
	void pendingLoginKeyWhenSharedThenBothStacksUseItAndWhenMalformedThenStartupFailsNamingIt() {
		this.servlet.withPropertyValues(CLIENT)
			.withPropertyValues("identity.login.pending-login-key=" + KEY)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(PendingLoginCookies.class));
		this.reactive.withPropertyValues(CLIENT)
			.withPropertyValues("identity.login.pending-login-key=too-short-key")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidIdentityConfigurationException.class)
				.hasMessageContaining("identity.login.pending-login-key")
				.hasMessageNotContaining("too-short-key"));
	}

	@Test
	void startupWhenPendingLoginKeyMalformedThenFailureAnalyzerNamesThePropertyNotTheValue(CapturedOutput output) {
		SpringApplication application = new SpringApplication(ServletApplication.class);
		application.setDefaultProperties(Map.of("identity.issuer-uri", "https://idp.example.com", "identity.client-id",
				"web-app", "identity.client-secret", "secret", "identity.login.pending-login-key", "bm90LTMyLWJ5dGVz",
				"server.port", "0", "spring.main.banner-mode", "off"));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: identity.login.pending-login-key")
			.contains("Value: '(hidden)'")
			.contains("32 random bytes in base64")
			.doesNotContain("bm90LTMyLWJ5dGVz");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, IdentityAutoConfiguration.class,
			BrowserLoginWebMvcAutoConfiguration.class })
	static class ServletApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSession {

		@Bean
		BrowserSession ownSession() {
			return new BrowserSession();
		}

	}

}
