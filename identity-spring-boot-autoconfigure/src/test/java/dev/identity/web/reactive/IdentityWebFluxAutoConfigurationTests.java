package dev.identity.web.reactive;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.web.BearerTokenAccessExceptionHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.config.WebFluxConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityWebFluxAutoConfigurationTests {

	private static final String ISSUER = "identity.issuer-uri=http://127.0.0.1:1/issuer";

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityWebFluxAutoConfiguration.class, WebClientAutoConfiguration.class));

	@Test
	void autoConfigurationWhenReactiveApplicationWithIssuerThenConfigurerAdapterAndExceptionHandler() {
		this.contextRunner.withPropertyValues(ISSUER)
			.run((context) -> assertThat(context).hasSingleBean(IdentityWebFluxConfigurer.class)
				.hasSingleBean(TokenRequirementsHandlerAdapter.class)
				.hasSingleBean(BearerTokenAccessExceptionHandler.class)
				.hasSingleBean(ReactiveIdentityFilterFunctions.class));
	}

	@Test
	void autoConfigurationWhenNoIssuerThenBacksOff() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(IdentityWebFluxConfigurer.class)
			.doesNotHaveBean(TokenRequirementsHandlerAdapter.class)
			.doesNotHaveBean(BearerTokenAccessExceptionHandler.class)
			.doesNotHaveBean(ReactiveIdentityFilterFunctions.class));
	}

	@Test
	void autoConfigurationWhenSpringWebFluxAbsentThenBacksOff() {
		this.contextRunner.withPropertyValues(ISSUER)
			.withClassLoader(new FilteredClassLoader(WebFluxConfigurer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(IdentityWebFluxConfigurer.class)
				.doesNotHaveBean(TokenRequirementsHandlerAdapter.class));
	}

	@Test
	void autoConfigurationWhenUserDefinesExceptionHandlerThenBacksOff() {
		this.contextRunner.withPropertyValues(ISSUER)
			.withBean("myHandler", BearerTokenAccessExceptionHandler.class, BearerTokenAccessExceptionHandler::new)
			.run((context) -> assertThat(context).hasSingleBean(BearerTokenAccessExceptionHandler.class)
				.hasBean("myHandler"));
	}

	@Test
	void autoConfigurationWhenServletApplicationThenBacksOff() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
					IdentityWebFluxAutoConfiguration.class, RestClientAutoConfiguration.class))
			.withPropertyValues(ISSUER)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(IdentityWebFluxConfigurer.class)
				.doesNotHaveBean(TokenRequirementsHandlerAdapter.class));
	}

}
