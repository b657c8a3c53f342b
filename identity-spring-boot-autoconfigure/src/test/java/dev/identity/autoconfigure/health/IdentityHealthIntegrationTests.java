package dev.identity.autoconfigure.health;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.client.OAuthClient;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code identity} health contributor against a real provider: one component per
 * issuer, UNKNOWN before first use, UP with the key count and age after it; a health
 * request asks the provider nothing; the component is in the probes' readiness group and
 * not in the liveness group, unless the application configures the readiness group
 * itself; and an application without Spring Boot's health support still starts.
 */
class IdentityHealthIntegrationTests {

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityHealthAutoConfiguration.class,
				RestClientAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
				EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
				AvailabilityProbesAutoConfiguration.class))
		.withPropertyValues("management.endpoint.health.show-details=always");

	private static String issuer() {
		return "identity.issuer-uri=" + provider.issuer();
	}

	private static IndicatedHealthDescriptor component(HealthEndpoint endpoint) {
		HealthDescriptor identity = endpoint.healthForPath("identity");
		assertThat(identity).isInstanceOf(CompositeHealthDescriptor.class);
		assertThat(((CompositeHealthDescriptor) identity).getComponents()).containsOnlyKeys("default");
		return (IndicatedHealthDescriptor) endpoint.healthForPath("identity", "default");
	}

	@Test
	void healthWhenNothingValidatedThenUnknownAndProviderNotAsked() {
		this.contextRunner.withPropertyValues(issuer()).run((context) -> {
			HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);

			IndicatedHealthDescriptor health = component(endpoint);

			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(health.getDetails()).isEmpty();
			assertThat(provider.discoveryRequests()).isZero();
			assertThat(provider.jwksRequests()).isZero();
		});
	}

	@Test
	void healthWhenTokenValidatedThenUpWithKeyCountAndAge() {
		String token = provider.clientCredentialsToken();
		this.contextRunner.withPropertyValues(issuer()).run((context) -> {
			context.getBean(OAuthClient.class).validate(token);

			IndicatedHealthDescriptor health = component(context.getBean(HealthEndpoint.class));

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("keys", 1).containsKey("keySetAge");
			assertThat(health.getDetails().get("keySetAge").toString()).startsWith("PT");
			assertThat(health.getDetails()).doesNotContainKey("lastFailure");
			assertThat(health.getDetails().toString()).doesNotContain(provider.issuer(), token);
		});
	}

	@Test
	void healthWhenAskedRepeatedlyThenProviderAskedNothingMore() {
		String token = provider.clientCredentialsToken();
		this.contextRunner.withPropertyValues(issuer()).run((context) -> {
			context.getBean(OAuthClient.class).validate(token);
			int discovery = provider.discoveryRequests();
			int jwks = provider.jwksRequests();

			HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
			for (int i = 0; i < 20; i++) {
				assertThat(component(endpoint).getStatus()).isEqualTo(Status.UP);
			}

			assertThat(provider.discoveryRequests()).isEqualTo(discovery);
			assertThat(provider.jwksRequests()).isEqualTo(jwks);
		});
	}

	@Test
	void probesByDefaultThenIdentityInReadinessNotLiveness() {
		this.contextRunner.withPropertyValues(issuer()).run((context) -> {
			HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);

			assertThat(groups.get("readiness").isMember("identity")).isTrue();
			assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
			assertThat(groups.get("liveness").isMember("identity")).isFalse();
			HealthDescriptor readiness = context.getBean(HealthEndpoint.class).healthForPath("readiness");
			assertThat(((CompositeHealthDescriptor) readiness).getComponents()).containsKeys("identity",
					"readinessState");
		});
	}

	@Test
	void probesWhenApplicationConfiguresReadinessGroupThenItsMembersOnly() {
		this.contextRunner
			.withPropertyValues(issuer(), "management.endpoint.health.probes.enabled=true",
					"management.endpoint.health.group.readiness.include=readinessState")
			.run((context) -> {
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);

				assertThat(groups.get("readiness").isMember("identity")).isFalse();
				assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
			});
	}

	@Test
	void probesWhenOffThenNoGroupMadeForIdentity() {
		this.contextRunner.withPropertyValues(issuer(), "management.endpoint.health.probes.enabled=false")
			.run((context) -> {
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);

				assertThat(groups.getNames()).doesNotContain("readiness", "liveness");
				assertThat(component(context.getBean(HealthEndpoint.class)).getStatus()).isEqualTo(Status.UNKNOWN);
			});
	}

	@Test
	void autoConfigurationWhenHealthIndicatorDisabledThenNoContributor() {
		this.contextRunner.withPropertyValues(issuer(), "management.health.identity.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("identityHealthContributor"));
	}

	@Test
	void autoConfigurationWhenNoHealthSupportThenClientsWithoutContributor() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.withPropertyValues(issuer())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(OAuthClient.class);
				assertThat(context).doesNotHaveBean("identityHealthContributor");
			});
	}

	@Test
	void autoConfigurationWhenNoIssuerThenNoContributor() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("identityHealthContributor");
			assertThat(context.getBean(HealthEndpointGroups.class).get("readiness").isMember("identity")).isFalse();
		});
	}

}
