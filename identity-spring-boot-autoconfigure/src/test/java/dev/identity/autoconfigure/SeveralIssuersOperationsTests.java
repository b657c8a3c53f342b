package dev.identity.autoconfigure;

import dev.identity.autoconfigure.health.IdentityHealthAutoConfiguration;
import dev.identity.autoconfigure.observation.IdentityObservationAutoConfiguration;
import dev.identity.client.OAuthClient;
import dev.identity.core.InvalidTokenException;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Operating two issuers: one health component each, which tells a provider that is down
 * from one that is up; validations counted under each issuer's name, and tokens refused
 * before reaching any issuer under {@code _unknown}, never under the issuer they claim.
 */
class SeveralIssuersOperationsTests {

	@RegisterExtension
	static final TestProviderExtension a = new TestProviderExtension();

	@RegisterExtension
	static final TestProviderExtension unconfigured = new TestProviderExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityHealthAutoConfiguration.class,
				IdentityObservationAutoConfiguration.class, RestClientAutoConfiguration.class,
				MetricsAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
				EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
		.withUserConfiguration(Meters.class)
		.withPropertyValues("management.endpoint.health.show-details=always");

	@Test
	void healthAndMetricsWhenOneIssuerUpAndOneDownThenEachShownOnItsOwn() {
		TestProvider down = TestProvider.start();
		String fromDown = down.clientCredentialsToken();
		String downIssuer = down.issuer();
		down.close();
		String fromA = a.clientCredentialsToken();
		String foreign = unconfigured.clientCredentialsToken();
		this.runner
			.withPropertyValues("identity.issuers.a.issuer-uri=" + a.issuer(),
					"identity.issuers.down.issuer-uri=" + downIssuer, "identity.audiences=" + TestProvider.CLIENT_ID,
					"identity.http.max-attempts=1")
			.run((context) -> {
				OAuthClient client = context.getBean(OAuthClient.class);
				client.validate(fromA);
				client.validate(fromA);
				assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> client.validate(fromDown));
				assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> client.validate(foreign));

				HealthEndpoint health = context.getBean(HealthEndpoint.class);
				assertThat(((CompositeHealthDescriptor) health.healthForPath("identity")).getComponents())
					.containsOnlyKeys("a", "down");
				IndicatedHealthDescriptor upComponent = (IndicatedHealthDescriptor) health.healthForPath("identity",
						"a");
				assertThat(upComponent.getStatus()).isEqualTo(Status.UP);
				IndicatedHealthDescriptor downComponent = (IndicatedHealthDescriptor) health.healthForPath("identity",
						"down");
				// Never fetched, so no keys past their tolerance: not DOWN, but the
				// failure
				// shows.
				assertThat(downComponent.getStatus()).isNotEqualTo(Status.UP);
				assertThat(downComponent.getDetails()).containsKey("lastFailure");

				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(count(meters, "a", "valid")).isEqualTo(2);
				assertThat(count(meters, "down", "provider_error")).isEqualTo(1);
				assertThat(count(meters, "_unknown", "invalid")).isEqualTo(1);
				assertThat(meters.find("identity.token.validations").tagKeys("issuer").counters()).allSatisfy(
						(counter) -> assertThat(counter.getId().getTag("issuer")).isIn("a", "down", "_unknown"));
				assertThat(unconfigured.discoveryRequests()).isZero();
			});
	}

	private static double count(MeterRegistry meters, String issuer, String outcome) {
		return meters.find("identity.token.validations")
			.tags("issuer", issuer, "outcome", outcome)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	@Configuration(proxyBeanMethods = false)
	static class Meters {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
