package dev.identity.web.servlet;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

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

}
