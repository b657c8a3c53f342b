package dev.identity.web.reactive;

import dev.identity.autoconfigure.FailureReports;
import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.web.WebEdgeControllers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

class WebFluxHandlerEnforcementAutoConfigurationTests {

	private static final String ISSUER = "identity.issuer-uri=http://127.0.0.1:1/issuer";

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				WebFluxHandlerEnforcementAutoConfiguration.class, WebClientAutoConfiguration.class));

	@Test
	void autoConfigurationWhenReactiveApplicationThenCheckWithOrWithoutIssuer() {
		this.contextRunner.run((context) -> assertThat(context).hasBean("identityWebFluxHandlerEnforcement"));
		this.contextRunner.withPropertyValues(ISSUER)
			.run((context) -> assertThat(context).hasBean("identityWebFluxHandlerEnforcement")
				.doesNotHaveBean(IdentityWebFluxConfigurer.class));
	}

	@Test
	void autoConfigurationWhenServletApplicationThenBacksOff() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebFluxHandlerEnforcementAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("identityWebFluxHandlerEnforcement"));
	}

	@Test
	void startWhenTokenAutoConfigurationExcludedThenHandlerUsingTheStarterStopsStartUp() {
		new ReactiveWebApplicationContextRunner()
			.withUserConfiguration(AutoConfigured.class, WebEdgeControllers.RequirementController.class)
			.withPropertyValues(ISSUER, "spring.autoconfigure.exclude=" + IdentityWebFluxAutoConfiguration.class.getName())
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
		new ReactiveWebApplicationContextRunner()
			.withUserConfiguration(AutoConfigured.class, WebEdgeControllers.RequirementController.class,
					WebEdgeControllers.UserController.class)
			.withPropertyValues(ISSUER, "identity.client-id=app", "identity.client-secret=secret",
					"spring.autoconfigure.exclude=" + IdentityWebFluxAutoConfiguration.class.getName())
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
