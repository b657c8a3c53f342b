package dev.identity.autoconfigure.health;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.core.env.Environment;

/**
 * Puts the {@code identity} component in the readiness group that Spring Boot makes for
 * its availability probes, and in no other: a provider outage takes the instance out of
 * the load balancer while it lasts, and never gets it restarted (the liveness group stays
 * as Spring Boot makes it). A readiness group the application configures itself
 * ({@code management.endpoint.health.group.readiness.*}) is left as it is.
 * <p>
 * It runs after Spring Boot's probes have made their groups: it is registered by an
 * auto-configuration ordered after them, at the same (lowest) precedence.
 */
final class ReadinessMembership implements HealthEndpointGroupsPostProcessor {

	static final String READINESS = "readiness";

	private static final ConfigurationPropertyName CONFIGURED = ConfigurationPropertyName
		.of("management.endpoint.health.group.readiness");

	private final String member;

	private final boolean configuredByApplication;

	ReadinessMembership(String member, Environment environment) {
		this.member = member;
		this.configuredByApplication = configured(environment);
	}

	private static boolean configured(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.containsDescendantOf(CONFIGURED) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		HealthEndpointGroup readiness = groups.get(READINESS);
		if (this.configuredByApplication || readiness == null) {
			// The application's own group, or no probes: nothing to join.
			return groups;
		}
		return new WithMember(groups, new MemberAdded(readiness, this.member));
	}

	/** The groups, with the readiness group replaced. */
	private static final class WithMember implements HealthEndpointGroups, AdditionalPathsMapper {

		private final HealthEndpointGroups groups;

		private final HealthEndpointGroup readiness;

		WithMember(HealthEndpointGroups groups, HealthEndpointGroup readiness) {
			this.groups = groups;
			this.readiness = readiness;
		}

		@Override
		public HealthEndpointGroup getPrimary() {
			return this.groups.getPrimary();
		}

		@Override
		public Set<String> getNames() {
			return this.groups.getNames();
		}

		@Override
		public @Nullable HealthEndpointGroup get(String name) {
			return READINESS.equals(name) ? this.readiness : this.groups.get(name);
		}

		@Override
		public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace webServerNamespace) {
			// The probes' extra paths (/readyz, /livez) stay as Spring Boot maps them.
			return (this.groups instanceof AdditionalPathsMapper mapper)
					? mapper.getAdditionalPaths(endpointId, webServerNamespace) : null;
		}

	}

	/** A group with one more member. */
	private static final class MemberAdded implements HealthEndpointGroup {

		private final HealthEndpointGroup group;

		private final String member;

		MemberAdded(HealthEndpointGroup group, String member) {
			this.group = group;
			this.member = member;
		}

		@Override
		public boolean isMember(String name) {
			// A composite's components are asked for by path: identity/default.
			return this.member.equals(name) || name.startsWith(this.member + "/") || this.group.isMember(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.group.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.group.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.group.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.group.getHttpCodeStatusMapper();
		}

		@Override
		public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
			return this.group.getAdditionalPath();
		}

	}

}
