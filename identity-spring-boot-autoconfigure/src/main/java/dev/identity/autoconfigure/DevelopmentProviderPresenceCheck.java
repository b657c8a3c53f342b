package dev.identity.autoconfigure;

import java.util.List;

import dev.identity.autoconfigure.internal.ConfiguredIssuers;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Fails start-up when {@code identity.dev-provider.enabled} asks for the development
 * provider, no {@code identity.issuer-uri} is set, and the provider's module
 * (identity-dev-provider) is not on the class path: without this, the application would
 * start without a client instead of saying what is missing. The module itself is never a
 * dependency of the library: its listener is looked for by name.
 */
class DevelopmentProviderPresenceCheck implements ApplicationListener<ApplicationPreparedEvent> {

	static final String PROVIDER_LISTENER = "dev.identity.devprovider.DevelopmentProviderApplicationListener";

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
		if (!environment.getProperty("identity.dev-provider.enabled", Boolean.class, false)
				|| ConfiguredIssuers.any(environment)) {
			return;
		}
		if (!ClassUtils.isPresent(PROVIDER_LISTENER, event.getSpringApplication().getClassLoader())) {
			throw new InvalidIdentityConfigurationException(
					List.of(new InvalidIdentityConfigurationException.Problem("identity.dev-provider.enabled", "true",
							"needs the development provider's module on the class path (dependency "
									+ "dev.identity:identity-dev-provider, runtime scope); or set identity.issuer-uri "
									+ "to use another provider")));
		}
	}

}
