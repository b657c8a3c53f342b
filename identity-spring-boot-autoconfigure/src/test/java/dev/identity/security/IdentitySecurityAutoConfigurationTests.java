package dev.identity.security;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

class IdentitySecurityAutoConfigurationTests {

	private static final String ISSUER = "identity.issuer-uri=http://127.0.0.1:1/issuer";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityResourceServerAutoConfiguration.class,
					IdentitySecurityAutoConfiguration.class, RestClientAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactiveContextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityResourceServerAutoConfiguration.class,
						IdentitySecurityAutoConfiguration.class, WebClientAutoConfiguration.class));

	@Test
	void autoConfigurationWhenServletApplicationThenFilterJustBeforeTheSecurityChain() {
		this.contextRunner.withPropertyValues(ISSUER)
			.run((context) -> assertThat(context).hasSingleBean(ProviderFailureFilter.class)
				.doesNotHaveBean(ProviderFailureWebFilter.class)
				.getBean(ProviderFailureFilter.class)
				.extracting(ProviderFailureFilter::getOrder)
				.isEqualTo(-101));
	}

	@Test
	void autoConfigurationWhenSecurityFilterOrderSetThenFollowsIt() {
		this.contextRunner.withPropertyValues(ISSUER, "spring.security.filter.order=10")
			.run((context) -> assertThat(context.getBean(ProviderFailureFilter.class).getOrder()).isEqualTo(9));
	}

	@Test
	void autoConfigurationWhenSecurityFilterOrderIsTheLowestButOneThenStillStrictlyBefore() {
		this.contextRunner.withPropertyValues(ISSUER, "spring.security.filter.order=" + (Integer.MIN_VALUE + 1))
			.run((context) -> assertThat(context.getBean(ProviderFailureFilter.class).getOrder())
				.isEqualTo(Integer.MIN_VALUE));
		// Nothing comes before the lowest order: the filters tie there (documented).
		assertThat(ProviderFailureFilter.orderBefore(Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
	}

	@Test
	void autoConfigurationWhenProviderFailureStatusDisabledThenNoFilter() {
		this.contextRunner.withPropertyValues(ISSUER, "identity.web.provider-failure-status.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ProviderFailureFilter.class));
		this.reactiveContextRunner.withPropertyValues(ISSUER, "identity.web.provider-failure-status.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ProviderFailureWebFilter.class));
	}

	@Test
	void autoConfigurationWhenReactiveApplicationThenWebFilterJustBeforeTheSecurityChain() {
		this.reactiveContextRunner.withPropertyValues(ISSUER)
			.run((context) -> assertThat(context).hasSingleBean(ProviderFailureWebFilter.class)
				.doesNotHaveBean(ProviderFailureFilter.class)
				.getBean(ProviderFailureWebFilter.class)
				.extracting(ProviderFailureWebFilter::getOrder)
				.isEqualTo(-101));
	}

	@Test
	void autoConfigurationWhenNoIssuerThenBacksOff() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ProviderFailureFilter.class));
	}

	@Test
	void autoConfigurationWhenNoResourceServerThenBacksOff() {
		this.contextRunner.withPropertyValues(ISSUER)
			.withClassLoader(new FilteredClassLoader(InvalidBearerTokenException.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ProviderFailureFilter.class));
	}

}
