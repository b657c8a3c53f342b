package dev.identity.web.servlet;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.web.BearerTokenAccessExceptionHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityWebMvcAutoConfigurationTests {

	private static final String ISSUER = "identity.issuer-uri=http://127.0.0.1:1/issuer";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityWebMvcAutoConfiguration.class,
				RestClientAutoConfiguration.class));

	@Test
	void autoConfigurationWhenServletApplicationWithIssuerThenConfigurerAndExceptionHandler() {
		this.contextRunner.withPropertyValues(ISSUER)
			.run((context) -> assertThat(context).hasSingleBean(IdentityWebMvcConfigurer.class)
				.hasSingleBean(BearerTokenAccessExceptionHandler.class)
				.hasSingleBean(IdentityFilterFunctions.class)
				.hasSingleBean(TokenResolversFirst.class));
	}

	@Test
	void autoConfigurationWhenNoIssuerThenBacksOff() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(IdentityWebMvcConfigurer.class)
			.doesNotHaveBean(BearerTokenAccessExceptionHandler.class)
			.doesNotHaveBean(IdentityFilterFunctions.class));
	}

	@Test
	void autoConfigurationWhenSpringMvcAbsentThenBacksOff() {
		this.contextRunner.withPropertyValues(ISSUER)
			.withClassLoader(new FilteredClassLoader(WebMvcConfigurer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(IdentityWebMvcConfigurer.class));
	}

	@Test
	void autoConfigurationWhenUserDefinesExceptionHandlerThenBacksOff() {
		this.contextRunner.withPropertyValues(ISSUER)
			.withBean("myHandler", BearerTokenAccessExceptionHandler.class, BearerTokenAccessExceptionHandler::new)
			.run((context) -> assertThat(context).hasSingleBean(BearerTokenAccessExceptionHandler.class)
				.hasBean("myHandler")
				.hasSingleBean(IdentityWebMvcConfigurer.class));
	}

	@Test
	void autoConfigurationWhenReactiveApplicationThenBacksOff() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
					IdentityWebMvcAutoConfiguration.class, WebClientAutoConfiguration.class))
			.withPropertyValues(ISSUER)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(IdentityWebMvcConfigurer.class));
	}

	@Test
	void autoConfigurationWhenNotWebApplicationThenBacksOff() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
					IdentityWebMvcAutoConfiguration.class, RestClientAutoConfiguration.class))
			.withPropertyValues(ISSUER)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(IdentityWebMvcConfigurer.class));
	}

}
