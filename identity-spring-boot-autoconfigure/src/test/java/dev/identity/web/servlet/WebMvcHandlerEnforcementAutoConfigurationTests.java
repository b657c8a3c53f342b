package dev.identity.web.servlet;

import dev.identity.autoconfigure.FailureReports;
import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.web.WebEdgeControllers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

class WebMvcHandlerEnforcementAutoConfigurationTests {

	private static final String ISSUER = "identity.issuer-uri=http://127.0.0.1:1/issuer";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				WebMvcHandlerEnforcementAutoConfiguration.class, RestClientAutoConfiguration.class));

	@Test
	void autoConfigurationWhenServletApplicationThenCheckWithOrWithoutIssuer() {
		this.contextRunner.run((context) -> assertThat(context).hasBean("identityWebMvcHandlerEnforcement"));
		this.contextRunner.withPropertyValues(ISSUER)
			.run((context) -> assertThat(context).hasBean("identityWebMvcHandlerEnforcement")
				.doesNotHaveBean(IdentityWebMvcConfigurer.class));
	}

	@Test
	void autoConfigurationWhenReactiveApplicationThenBacksOff() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebMvcHandlerEnforcementAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("identityWebMvcHandlerEnforcement"));
	}

	@Test
	void startWhenTokenAutoConfigurationExcludedThenHandlerUsingTheStarterStopsStartUp() {
		new WebApplicationContextRunner()
			.withUserConfiguration(AutoConfigured.class, WebEdgeControllers.RequirementController.class)
			.withPropertyValues(ISSUER, "spring.autoconfigure.exclude=" + IdentityWebMvcAutoConfiguration.class.getName())
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(InvalidIdentityConfigurationException.class);
				assertThat(FailureReports.describe(context.getStartupFailure()))
					.contains("Property: identity.issuer-uri")
					.contains("auto-configuration is excluded")
					.contains("RequirementController#orders");
			});
	}

	@Test
	void startWhenTokenAutoConfigurationExcludedAndBrowserLoginOnThenOnlyTokenHandlersStopStartUp() {
		new WebApplicationContextRunner()
			.withUserConfiguration(AutoConfigured.class, WebEdgeControllers.RequirementController.class,
					WebEdgeControllers.UserController.class)
			.withPropertyValues(ISSUER, "identity.client-id=app", "identity.client-secret=secret",
					"spring.autoconfigure.exclude=" + IdentityWebMvcAutoConfiguration.class.getName())
			.run((context) -> {
				assertThat(context).hasFailed();
				// Browser login resolves the signed-in user: only the token's handler is unenforced.
				assertThat(FailureReports.describe(context.getStartupFailure()))
					.contains("RequirementController#orders")
					.doesNotContain("UserController");
			});
	}

	/** The application as Spring Boot configures it: every auto-configuration on the class path. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AutoConfigured {

	}

}
