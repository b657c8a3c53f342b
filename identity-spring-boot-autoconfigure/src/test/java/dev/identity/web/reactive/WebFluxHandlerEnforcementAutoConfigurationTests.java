package dev.identity.web.reactive;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

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

}
