package dev.identity.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class DevelopmentProviderPresenceCheckTests {

	@Test
	void startWhenEnabledWithoutIssuerAndModuleAbsentThenFailsNamingTheProperty(CapturedOutput output) {
		assertThatExceptionOfType(InvalidIdentityConfigurationException.class)
			.isThrownBy(() -> run(withoutModule(), "--identity.dev-provider.enabled=true"))
			.satisfies((ex) -> {
				assertThat(ex.getProblems()).singleElement().satisfies((problem) -> {
					assertThat(problem.property()).isEqualTo("identity.dev-provider.enabled");
					assertThat(problem.reason()).contains("dev.identity:identity-dev-provider");
				});
			});
		assertThat(output).contains("Property: identity.dev-provider.enabled");
	}

	@Test
	void startWhenEnabledWithIssuerAndModuleAbsentThenStarts() {
		run(withoutModule(), "--identity.dev-provider.enabled=true", "--identity.issuer-uri=https://login.example.com")
			.close();
	}

	@Test
	void startWhenEnabledWithANamedIssuerAfterOneWithoutUriAndModuleAbsentThenStarts() {
		// Any issuer with a URI counts, not only the first declared. Declared in this
		// order, as an application.yml would (default properties and arguments keep no
		// order).
		SpringApplication application = withoutModule();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("identity.dev-provider.enabled", "true");
		properties.put("identity.issuers.a.audiences", "orders");
		properties.put("identity.issuers.b.issuer-uri", "https://login.example.com");
		application.addInitializers((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("declared", properties)));
		run(application).close();
	}

	@Test
	void startWhenNotEnabledAndModuleAbsentThenStarts() {
		run(withoutModule()).close();
	}

	@Test
	void startWhenEnabledAndModuleOnClassPathThenLeavesItToTheModule() {
		// This module's tests compile the development provider, whose listener is not
		// registered here: the check alone runs, and stays quiet.
		run(new SpringApplication(Empty.class), "--identity.dev-provider.enabled=true").close();
	}

	private static SpringApplication withoutModule() {
		return new SpringApplication(
				new DefaultResourceLoader(new FilteredClassLoader(DevelopmentProviderPresenceCheck.PROVIDER_LISTENER)),
				Empty.class);
	}

	private static ConfigurableApplicationContext run(SpringApplication application, String... args) {
		application.setWebApplicationType(WebApplicationType.NONE);
		return application.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
