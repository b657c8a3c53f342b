package dev.identity.devprovider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.autoconfigure.internal.ConfiguredIssuers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Starts the {@link DevelopmentProvider#demo(int) demo provider} for an application that
 * enables {@code identity.dev-provider.enabled} and configures no
 * {@code identity.issuer-uri}, and points the application at it. It runs once the
 * application context is prepared: its environment is complete (initializers, such as a
 * test's dynamic properties, have run) and no bean exists yet, so the identity client's
 * auto-configuration sees an ordinary issuer. The provider stops with the application.
 * <p>
 * It never starts when an issuer is configured. With no issuer, start-up fails when a
 * production profile is active ({@code identity.dev-provider.production-profiles}) or
 * when the application runs packaged rather than from its build
 * ({@link ApplicationLaunch}): {@code identity.dev-provider.enabled} alone never starts
 * it from a {@code java -jar}.
 */
public class DevelopmentProviderApplicationListener implements SmartApplicationListener {

	private static final List<String> PROVIDER_CLASSES = List.of(
			"org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings",
			"org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration",
			"org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration");

	private static final Log logger = LogFactory.getLog(DevelopmentProviderApplicationListener.class);

	/** Absent from applications without a web server: compared by name. */
	private static final String WEB_SERVER_INITIALIZED_EVENT = "org.springframework.boot.web.server.context.WebServerInitializedEvent";

	private @Nullable DevelopmentProviderLauncher launcher;

	private @Nullable ApplicationContext context;

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationPreparedEvent.class.isAssignableFrom(eventType) || isWebServerInitializedEvent(eventType)
				|| ContextRefreshedEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType)
				|| ApplicationFailedEvent.class.isAssignableFrom(eventType);
	}

	/**
	 * After logging is initialized, so the provider's messages use the application's
	 * logging.
	 */
	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationPreparedEvent prepared) {
			this.context = prepared.getApplicationContext();
			start(prepared.getApplicationContext().getEnvironment(), prepared.getSpringApplication().getAllSources());
		}
		else if (isWebServerInitializedEvent(event.getClass())) {
			DevelopmentProviderLauncher launcher = this.launcher;
			if (launcher != null) {
				launcher.webServerStarted(event, this.context);
			}
		}
		else if (event instanceof ContextRefreshedEvent refreshed) {
			DevelopmentProviderLauncher launcher = this.launcher;
			if (launcher != null && refreshed.getApplicationContext() == this.context) {
				// Property sources added while the context refreshed (@PropertySource)
				// were not there
				// when the provider started: an issuer among them means the provider must
				// not serve.
				launcher.checkNoOtherIssuer();
			}
		}
		else if (event instanceof ContextClosedEvent closed) {
			if (closed.getApplicationContext() == this.context) {
				stop();
			}
		}
		else if (event instanceof ApplicationFailedEvent) {
			stop();
		}
	}

	private void start(ConfigurableEnvironment environment, Set<Object> sources) {
		if (environment.getProperty(DevelopmentProvider.MARKER, Boolean.class, false)) {
			return; // the provider's own context
		}
		DevelopmentProviderProperties properties = Binder.get(environment)
			.bind("identity.dev-provider", DevelopmentProviderProperties.class)
			.orElseGet(DevelopmentProviderProperties::new);
		if (!properties.isEnabled()) {
			return;
		}
		if (ConfiguredIssuers.any(environment)) {
			logger.debug("identity.issuer-uri or identity.issuers is set: the development provider stays off");
			return;
		}
		List<String> production = productionProfilesActive(environment, properties);
		if (!production.isEmpty()) {
			throw new InvalidIdentityConfigurationException(List
				.of(new InvalidIdentityConfigurationException.Problem("identity.issuer-uri", "",
						"is required in profile " + String.join(", ", production)
								+ ": the development provider never starts in the profiles of "
								+ "identity.dev-provider.production-profiles " + properties.getProductionProfiles())));
		}
		String packaged = ApplicationLaunch.whyPackaged(sources);
		if (packaged != null) {
			// Its demo secrets are public: a packaged application never serves them,
			// whatever it enables.
			throw new InvalidIdentityConfigurationException(List.of(new InvalidIdentityConfigurationException.Problem(
					"identity.issuer-uri", "",
					"is required: the application runs packaged (" + packaged + "), and "
							+ "the development provider starts only from a build (spring-boot:run, the IDE, tests); "
							+ "set identity.issuer-uri to your provider's issuer")));
		}
		if (!PROVIDER_CLASSES.stream().allMatch((name) -> ClassUtils.isPresent(name, getClass().getClassLoader()))) {
			throw new InvalidIdentityConfigurationException(List.of(new InvalidIdentityConfigurationException.Problem(
					"identity.dev-provider.enabled", "true",
					"needs Spring Authorization Server and a servlet web server on the class path (dependencies "
							+ "org.springframework.boot:spring-boot-starter-security-oauth2-authorization-server and "
							+ "spring-boot-starter-webmvc); or set identity.issuer-uri to use another provider")));
		}
		this.launcher = DevelopmentProviderLauncher.launch(environment, properties.getPort());
	}

	private static boolean isWebServerInitializedEvent(Class<?> eventType) {
		for (Class<?> type = eventType; type != null; type = type.getSuperclass()) {
			if (WEB_SERVER_INITIALIZED_EVENT.equals(type.getName())) {
				return true;
			}
		}
		return false;
	}

	private static List<String> productionProfilesActive(ConfigurableEnvironment environment,
			DevelopmentProviderProperties properties) {
		// Without active profiles, the default profiles are the ones in effect.
		String[] inEffect = (environment.getActiveProfiles().length > 0) ? environment.getActiveProfiles()
				: environment.getDefaultProfiles();
		List<String> production = new ArrayList<>();
		for (String profile : properties.getProductionProfiles()) {
			boolean active = Arrays.stream(inEffect)
				.anyMatch((candidate) -> candidate.trim()
					.toLowerCase(Locale.ROOT)
					.equals(profile.trim().toLowerCase(Locale.ROOT)));
			if (active) {
				production.add(profile);
			}
		}
		return production;
	}

	private void stop() {
		DevelopmentProviderLauncher launcher = this.launcher;
		this.launcher = null;
		if (launcher != null) {
			launcher.stop();
		}
	}

}
