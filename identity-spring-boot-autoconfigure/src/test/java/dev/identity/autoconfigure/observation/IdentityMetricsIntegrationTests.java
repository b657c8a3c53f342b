package dev.identity.autoconfigure.observation;

import java.time.Clock;
import java.time.Duration;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.client.OAuthClient;
import dev.identity.client.SmartOAuthClient;
import dev.identity.core.InvalidTokenException;
import dev.identity.engine.internal.MutableClock;
import dev.identity.security.IdentityResourceServerAutoConfiguration;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The identity meters after known traffic against a real provider: each validation
 * counted once whichever client or decoder ran it, refusals by their first failed check,
 * cache hits and misses, and each provider request as an observation, recorded with the
 * application's registries.
 */
class IdentityMetricsIntegrationTests {

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityObservationAutoConfiguration.class,
				IdentityAutoConfiguration.class, IdentityResourceServerAutoConfiguration.class,
				RestClientAutoConfiguration.class, MetricsAutoConfiguration.class))
		.withUserConfiguration(Registries.class);

	private static String[] properties() {
		return new String[] { "identity.issuer-uri=" + provider.issuer(),
				"identity.audiences=" + TestProvider.CLIENT_ID };
	}

	private static double validations(MeterRegistry meters, String outcome, String check) {
		return meters.get("identity.token.validations")
			.tags("issuer", "default", "outcome", outcome, "check", check)
			.counter()
			.count();
	}

	private static double cacheGets(MeterRegistry meters, String cache, String result) {
		// The token cache's are function counters, read from the cache's own counts.
		return meters.find("identity.cache.gets")
			.tags("issuer", "default", "cache", cache, "result", result)
			.functionCounters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum()
				+ meters.find("identity.cache.gets")
					.tags("issuer", "default", "cache", cache, "result", result)
					.counters()
					.stream()
					.mapToDouble((counter) -> counter.count())
					.sum();
	}

	private static long providerRequests(MeterRegistry meters, String endpoint) {
		return meters.get("identity.provider.requests")
			.tags("issuer", "default", "endpoint", endpoint, "outcome", "success", "status", "200")
			.timer()
			.count();
	}

	@Test
	void validateWhenKnownTrafficThenEachValidationCountedOnceByOutcomeAndCheck() {
		String first = provider.clientCredentialsToken();
		String second = provider.clientCredentialsToken();
		String third = provider.clientCredentialsToken();
		String expiring = provider.clientCredentialsToken();
		// The first token's claims under the third one's signature.
		String[] firstParts = first.split("\\.");
		String[] thirdParts = third.split("\\.");
		String forged = thirdParts[0] + "." + firstParts[1] + "." + thirdParts[2];
		this.contextRunner.withPropertyValues(properties()).run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			// Three valid tokens, each through another path.
			context.getBean(OAuthClient.class).validate(first);
			context.getBean(SmartOAuthClient.class).validate(second);
			context.getBean(JwtDecoder.class).decode(third);
			// Two refused: a signature that does not verify, and a token past its expiry.
			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> context.getBean(OAuthClient.class).validate(forged));
			context.getBean(MutableClock.class).advance(Duration.ofDays(1));
			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> context.getBean(OAuthClient.class).validate(expiring));

			assertThat(validations(meters, "valid", "none")).isEqualTo(3);
			assertThat(validations(meters, "invalid", "signature")).isEqualTo(1);
			assertThat(validations(meters, "invalid", "expiry")).isEqualTo(1);
			assertThat(validations(meters, "invalid", "audience")).isZero();
			assertThat(validations(meters, "provider_error", "none")).isZero();
			// Keys: fetched for the first token, cached for the next three; fetched again
			// a day later.
			assertThat(cacheGets(meters, "keys", "miss")).isEqualTo(2);
			assertThat(cacheGets(meters, "keys", "hit")).isEqualTo(3);
			assertThat(providerRequests(meters, "discovery")).isEqualTo(2);
			assertThat(providerRequests(meters, "jwks")).isEqualTo(2);
		});
	}

	@Test
	void validateWhenTokenSeenBeforeThenCountedAgainAndAsTokenCacheHit() {
		String token = provider.clientCredentialsToken();
		this.contextRunner.withPropertyValues(properties()).run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			OAuthClient client = context.getBean(OAuthClient.class);

			client.validate(token);
			client.validate(token);
			client.validate(token);

			assertThat(validations(meters, "valid", "none")).isEqualTo(3);
			assertThat(cacheGets(meters, "tokens", "hit")).isEqualTo(2);
			assertThat(cacheGets(meters, "keys", "miss")).isEqualTo(1);
			assertThat(cacheGets(meters, "keys", "hit")).isZero();
		});
	}

	@Test
	void autoConfigurationWhenNoMicrometerThenClientsWithoutObserver() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues(properties())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(OAuthClient.class);
				assertThat(context).doesNotHaveBean(IdentityObservationAutoConfiguration.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Registries {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meters) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			return registry;
		}

		@Bean
		MutableClock clock() {
			return new MutableClock(Clock.systemUTC().instant());
		}

	}

}
