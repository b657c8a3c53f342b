package dev.identity.devprovider;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps Spring Boot's security defaults off the application. This module brings Spring
 * Security and Spring Authorization Server onto the class path for the development
 * provider alone, which runs in a context of its own; without this, the application
 * itself would become an authorization server and get Spring Boot's default security (a
 * generated password, form login on every endpoint), which an application of the identity
 * client does not use: it authorizes requests with the identity starter.
 * <p>
 * It adds the auto-configurations below to {@code spring.autoconfigure.exclude}, keeping
 * the application's own exclusions, in every application context but the provider's.
 */
class SecurityDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE = "identityDevelopmentProviderExclusions";

	private static final String EXCLUDE = "spring.autoconfigure.exclude";

	/**
	 * Spring Boot's auto-configurations that Spring Security or Spring Authorization
	 * Server on the class path would switch on.
	 */
	static final List<String> EXCLUDED = List.of(
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration",
			"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration");

	/**
	 * After the configuration files are read, so the application's own exclusions are
	 * known and kept.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getProperty(DevelopmentProvider.MARKER, Boolean.class, false)) {
			return; // the provider's own context, which is an authorization server
		}
		// A list property is read from the highest source that sets it: the merged list
		// goes first, as one comma-separated value (class names hold no comma).
		Set<String> excluded = new LinkedHashSet<>(
				Binder.get(environment).bind(EXCLUDE, String[].class).map(List::of).orElse(List.of()));
		excluded.addAll(EXCLUDED);
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(EXCLUDE, String.join(",", excluded))));
	}

}
