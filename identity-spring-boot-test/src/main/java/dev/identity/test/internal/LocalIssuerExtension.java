package dev.identity.test.internal;

import dev.identity.test.LocalIssuer;
import dev.identity.test.TestIssuer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The JUnit side of {@link LocalIssuer @LocalIssuer}: makes the test class's issuer, with
 * the defaults its application gives tokens, the current one of each test method (what
 * {@code TestTokens.token()} uses), and resolves {@link TestIssuer} parameters.
 */
public final class LocalIssuerExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

	@Override
	public void beforeEach(ExtensionContext context) {
		String name = name(context.getRequiredTestClass());
		TestIssuer issuer = LocalIssuers.get(name);
		TokenDefaults.setCurrent(isSpringTest(context.getRequiredTestClass())
				? TokenDefaults.of(issuer, name, applicationContext(context).getEnvironment())
				: TokenDefaults.of(issuer));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		TokenDefaults.setCurrent(null);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == TestIssuer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return LocalIssuers.get(name(context.getRequiredTestClass()));
	}

	private static String name(Class<?> testClass) {
		LocalIssuer annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, LocalIssuer.class);
		return (annotation != null) ? annotation.name() : "";
	}

	private static boolean isSpringTest(Class<?> testClass) {
		MergedAnnotations annotations = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY);
		return annotations.isPresent(BootstrapWith.class) || annotations.isPresent(ContextConfiguration.class);
	}

	// The context the Spring extension loads for this test class (loaded already, or
	// now).
	private static ApplicationContext applicationContext(ExtensionContext context) {
		return SpringExtension.getApplicationContext(context);
	}

}
