package dev.identity.autoconfigure;

import java.security.CodeSource;

import dev.identity.autoconfigure.internal.ConfiguredIssuers;
import dev.identity.engine.internal.IdentityEngines;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Explains a bean of the identity starter that the application needs and does not get,
 * where the reason is the issuer: none is configured, or the application was processed
 * ahead of time without one (the beans of such an application are decided when it is
 * processed). Without it, start-up ends in Spring's "No qualifying bean of type
 * OAuthClient", which names no property.
 * <p>
 * Runs before Spring Boot's own analysis of a missing bean, and leaves every other
 * missing bean to it.
 */
class MissingIssuerFailureAnalyzer extends AbstractInjectionFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	private static final String PACKAGE = "dev.identity.";

	private final BeanFactory beanFactory;

	private final Environment environment;

	MissingIssuerFailureAnalyzer(BeanFactory beanFactory, Environment environment) {
		this.beanFactory = beanFactory;
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause,
			@Nullable String injectionPoint) {
		ResolvableType required = cause.getResolvableType();
		Class<?> type = (required != null) ? required.resolve() : null;
		if (type == null || !isStarters(type) || cause.getNumberOfBeansFound() != 0) {
			// Not the starter's, or more than one found: Spring Boot's own analysis.
			return null;
		}
		String needs = ((injectionPoint != null) ? injectionPoint + " requires" : "the application needs")
				+ " the identity starter's " + type.getSimpleName();
		if (!ConfiguredIssuers.any(this.environment)) {
			String property = ConfiguredIssuers.missingIssuerUriProperty(this.environment);
			return new FailureAnalysis(
					"The identity client is misconfigured:\n\n    Property: " + property
							+ "\n    Value: ''\n    Reason: must be set: " + needs
							+ ", which it makes only for a configured issuer\n",
					"Set " + property + " to your OpenID provider's issuer URL in your application's configuration "
							+ "(identity.issuers.<name>.issuer-uri for each of several issuers).",
					cause);
		}
		if (AotDetector.useGeneratedArtifacts() && !hasEngines()) {
			// Processed without an issuer: the engines, which every issuer has, are not
			// defined. With them, the bean is missing for another reason.
			return new FailureAnalysis(
					StringUtils.capitalize(needs) + ", but the application was processed ahead of time without "
							+ OnIssuerCondition.PROPERTY
							+ " (or identity.issuers.<name>.issuer-uri): the identity beans "
							+ "were left out then, and setting the property at run time cannot add them.\n",
					"Set the issuer in the configuration the build reads when it processes the application "
							+ "(spring-boot:process-aot), for example in application.properties, and build it again.",
					cause);
		}
		// An issuer is configured: the bean is missing for another reason (an excluded
		// auto-configuration, a condition such as a client id or the kind of web
		// application), which Spring Boot's own analysis reports.
		return null;
	}

	private boolean hasEngines() {
		return this.beanFactory instanceof ListableBeanFactory beans
				&& beans.getBeanNamesForType(IdentityEngines.class, true, false).length > 0;
	}

	/**
	 * Whether a type is one of the starter's: from the same jar (or class folder) as this
	 * analyzer, so that an application's own types are left out even in a package named
	 * like ours; by its package where the class loader tells no location.
	 */
	private static boolean isStarters(Class<?> type) {
		String ours = location(MissingIssuerFailureAnalyzer.class);
		String its = location(type);
		return (ours != null && its != null) ? ours.equals(its) : type.getName().startsWith(PACKAGE);
	}

	private static @Nullable String location(Class<?> type) {
		CodeSource source = type.getProtectionDomain().getCodeSource();
		return (source != null && source.getLocation() != null) ? source.getLocation().toExternalForm() : null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
