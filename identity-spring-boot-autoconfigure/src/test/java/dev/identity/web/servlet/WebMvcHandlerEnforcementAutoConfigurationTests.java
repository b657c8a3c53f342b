package dev.identity.web.servlet;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

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

	/**
	 * A handler mapping without interceptors answers {@code null} for them, as Actuator's
	 * endpoint mappings do: the check reads that as "no requirement check", and the
	 * application starts.
	 */
	@Test
	void autoConfigurationWhenHandlerMappingHasNoInterceptorsThenStarts() {
		this.contextRunner.withPropertyValues(ISSUER)
			.withBean("endpointHandlerMapping", RequestMappingHandlerMapping.class)
			.run((context) -> {
				assertThat(context.getBean("endpointHandlerMapping", RequestMappingHandlerMapping.class)
					.getAdaptedInterceptors()).isNull();
				assertThat(context).hasNotFailed();
			});
	}

}
