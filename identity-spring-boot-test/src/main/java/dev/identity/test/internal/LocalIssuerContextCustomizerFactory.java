package dev.identity.test.internal;

import java.util.List;
import java.util.Map;

import dev.identity.test.LocalIssuer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points the issuer property at the local issuer of a test class annotated with
 * {@link LocalIssuer @LocalIssuer}, before its application context starts: every kind of
 * Spring test ({@code @SpringBootTest}, {@code @WebMvcTest}, {@code @WebFluxTest}) is
 * built through a context customizer. Registered in {@code META-INF/spring.factories}.
 */
public final class LocalIssuerContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		LocalIssuer annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, LocalIssuer.class);
		return (annotation != null) ? new Customizer(LocalIssuerProperty.of(annotation.name()), annotation.name())
				: null;
	}

	/**
	 * Adds the property first, above the application's own files. Equal for equal
	 * properties, so that Spring caches and reuses the context across test classes (the
	 * issuer of a name is the same for the whole run).
	 */
	private record Customizer(String property, String name) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			String issuer = LocalIssuers.get(this.name).issuerUri();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("localIssuer", Map.of(this.property, issuer)));
		}

	}

}
