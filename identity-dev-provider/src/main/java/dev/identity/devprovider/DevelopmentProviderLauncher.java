package dev.identity.devprovider;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * The running demo provider of one application. Loaded only once
 * {@link DevelopmentProviderApplicationListener} decided to start one, when Spring
 * Authorization Server and so a servlet web server are on the class path: the listener
 * itself must load in any application.
 */
final class DevelopmentProviderLauncher {

	static final String PROPERTY_SOURCE = "identityDevelopmentProvider";

	/** The name under which Spring Boot attaches its view over all property sources. */
	private static final String ATTACHED_PROPERTY_SOURCE = "configurationProperties";

	private static final Log logger = LogFactory.getLog(DevelopmentProviderApplicationListener.class);

	private final DevelopmentProvider provider;

	private final ConfigurableEnvironment environment;

	private DevelopmentProviderLauncher(DevelopmentProvider provider, ConfigurableEnvironment environment) {
		this.provider = provider;
		this.environment = environment;
	}

	/**
	 * Start the demo provider and point the application's {@code identity.*} properties
	 * at it.
	 */
	static DevelopmentProviderLauncher launch(ConfigurableEnvironment environment, int port) {
		DevelopmentProvider provider;
		try {
			provider = DevelopmentProvider.demo(port).start();
		}
		catch (PortInUseException ex) {
			throw new InvalidIdentityConfigurationException(List.of(new InvalidIdentityConfigurationException.Problem(
					"identity.dev-provider.port", String.valueOf(port),
					"is in use, perhaps by another application's development provider; choose another port, "
							+ "or 0 for a free one")));
		}
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("identity.issuer-uri", provider.issuer());
		// The demo provider's accounts replace any configured for another provider.
		identity.put("identity.client-id", DemoAccounts.CLIENT_ID);
		identity.put("identity.client-secret", DemoAccounts.CLIENT_SECRET);
		identity.put("identity.audiences", DemoAccounts.AUDIENCE);
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, identity));
		String tokenEndpoint = provider.issuer() + DevelopmentProvider.TOKEN_PATH;
		logger.warn(String.join(System.lineSeparator(),
				"Started a development OpenID provider at " + provider.issuer()
						+ " because identity.issuer-uri is not set. It holds demo accounts and keys in memory:"
						+ " for development only. Set identity.issuer-uri to use a real provider.",
				"    Discovery:   " + provider.issuer() + DevelopmentProvider.DISCOVERY_PATH,
				"    Get a token: TOKEN=$(curl -s -u " + DemoAccounts.ADMIN_CLIENT_ID + ":"
						+ DemoAccounts.ADMIN_CLIENT_SECRET + " -d grant_type=client_credentials " + tokenEndpoint
						+ " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')",
				"    Send it as:  Authorization: Bearer $TOKEN"));
		return new DevelopmentProviderLauncher(provider, environment);
	}

	/**
	 * The application's web server is up: let the browser-login client come back to it,
	 * and say where to sign in.
	 */
	void webServerStarted(ApplicationEvent event, @Nullable ApplicationContext applicationContext) {
		WebServerInitializedEvent initialized = (WebServerInitializedEvent) event;
		if (initialized.getApplicationContext() != applicationContext) {
			return; // a management server on a port of its own
		}
		String application = "http://127.0.0.1:" + initialized.getWebServer().getPort() + this.environment
			.getProperty("server.servlet.context-path", this.environment.getProperty("spring.webflux.base-path", ""));
		String callbackPath = this.environment.getProperty("identity.login.callback-path", "/login/callback");
		this.provider.allowApplication(URI.create(application), callbackPath);
		String loginPath = this.environment.getProperty("identity.login.login-path", "/login");
		logger.info("Sign in through the development provider at " + application + loginPath
				+ " as alice / alice-password (admin) or bob / bob-password (reader)");
	}

	/**
	 * Fail when a property source other than the provider's configures an issuer: one
	 * added after the provider started, such as an {@code @PropertySource}, would
	 * otherwise be overridden by it.
	 * @throws InvalidIdentityConfigurationException when another issuer is configured
	 */
	void checkNoOtherIssuer() {
		MutablePropertySources others = new MutablePropertySources(this.environment.getPropertySources());
		others.remove(PROPERTY_SOURCE);
		// Boot's view over every source, the provider's included.
		others.remove(ATTACHED_PROPERTY_SOURCE);
		String issuer = new Binder(ConfigurationPropertySources.from(others),
				new PropertySourcesPlaceholdersResolver(others))
			.bind("identity.issuer-uri", String.class)
			.orElse("");
		if (!issuer.isBlank()) {
			throw new InvalidIdentityConfigurationException(
					List.of(new InvalidIdentityConfigurationException.Problem("identity.issuer-uri", issuer,
							"was set by a property source read after the development provider started (such as an "
									+ "@PropertySource); set it in the application's configuration files, arguments or "
									+ "environment, or turn identity.dev-provider.enabled off")));
		}
	}

	void stop() {
		this.provider.close();
	}

}
