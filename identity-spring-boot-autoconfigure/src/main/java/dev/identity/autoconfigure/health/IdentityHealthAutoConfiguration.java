package dev.identity.autoconfigure.health;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.engine.internal.IdentityEngines;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * The {@code identity} health contributor, when Spring Boot's health support is on the
 * class path: one component per configured issuer, named as the issuer is
 * ({@code default} for {@code identity.issuer-uri}). It is in the readiness group of the
 * availability probes, not in the liveness group. Turned off with
 * {@code management.health.identity.enabled=false}.
 */
@AutoConfiguration(after = IdentityAutoConfiguration.class,
		afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration")
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(IdentityEngines.class)
@ConditionalOnEnabledHealthIndicator("identity")
public final class IdentityHealthAutoConfiguration {

	/** The contributor's name, as the bean's name gives it. */
	static final String NAME = "identity";

	@Bean
	@ConditionalOnMissingBean(name = "identityHealthContributor")
	HealthContributor identityHealthContributor(IdentityEngines engines) {
		return CompositeHealthContributor.fromMap(engines.all(), ProviderHealthIndicator::new);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor",
			"org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper" })
	static class ReadinessConfiguration {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		HealthEndpointGroupsPostProcessor identityReadinessMembership(Environment environment) {
			return new ReadinessMembership(NAME, environment);
		}

	}

}
