package dev.identity.test.internal;

import java.util.List;
import java.util.Map;

import dev.identity.test.LocalIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalIssuerContextCustomizerFactoryTests {

	private final LocalIssuerContextCustomizerFactory factory = new LocalIssuerContextCustomizerFactory();

	@Test
	void customizeWhenNamedThenSetsOnlyTheNamedIssuersProperty() {
		GenericApplicationContext context = new GenericApplicationContext();
		customizer(Named.class).customizeContext(context, null);
		assertThat(context.getEnvironment().getProperty("identity.issuers.partner-a.issuer-uri"))
			.isEqualTo(LocalIssuers.get("partner-a").issuerUri());
		assertThat(context.getEnvironment().getProperty("identity.issuer-uri")).isNull();
		assertThat(LocalIssuers.get("partner-a")).isNotSameAs(LocalIssuers.get(""));
	}

	@Test
	void customizeWhenUnnamedThenOverridesTheApplicationsIssuer() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment()
			.getPropertySources()
			.addLast(new MapPropertySource("application", Map.of("identity.issuer-uri", "https://login.example.com")));
		customizer(Unnamed.class).customizeContext(context, null);
		assertThat(context.getEnvironment().getProperty("identity.issuer-uri"))
			.isEqualTo(LocalIssuers.get("").issuerUri());
	}

	@Test
	void createWhenSameNameThenEqualSoTheContextIsCached() {
		assertThat(customizer(Unnamed.class)).isEqualTo(customizer(Inheriting.class))
			.hasSameHashCodeAs(customizer(Inheriting.class))
			.isNotEqualTo(customizer(Named.class));
	}

	@Test
	void createWhenNotAnnotatedThenNone() {
		assertThat(this.factory.createContextCustomizer(Object.class, List.of())).isNull();
	}

	@Test
	void createWhenNameIsNoPropertyKeyThenNamesTheRule() {
		assertThatIllegalArgumentException().isThrownBy(() -> customizer(BadName.class))
			.withMessageContaining("@LocalIssuer(name = \"Partner.A\")")
			.withMessageContaining("lower-case letters, digits and '-'");
	}

	private ContextCustomizer customizer(Class<?> testClass) {
		ContextCustomizer customizer = this.factory.createContextCustomizer(testClass, List.of());
		assertThat(customizer).isNotNull();
		return customizer;
	}

	@LocalIssuer
	static class Unnamed {

	}

	static class Inheriting extends Unnamed {

	}

	@LocalIssuer(name = "partner-a")
	static class Named {

	}

	@LocalIssuer(name = "Partner.A")
	static class BadName {

	}

}
