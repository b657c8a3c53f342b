package dev.identity.autoconfigure;

import dev.identity.client.ClientCredentialsRestClientCustomizer;
import dev.identity.client.OAuthClient;
import dev.identity.engine.internal.IdentityEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A bean of the starter that the application needs and does not get for want of an
 * issuer: the start-up report names the property, as for every other misconfiguration.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingIssuerFailureAnalyzerTests {

	private static final String AOT_ENABLED = "spring.aot.enabled";

	@Test
	void startWhenTheApplicationNeedsAClientWithoutIssuerThenTheReportNamesTheProperty(CapturedOutput output) {
		SpringApplication application = new SpringApplication(NeedsClient.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("Property: identity.issuer-uri")
			// Where it is needed, as Spring Boot's own report says.
			.contains("Parameter 0 of method usesTheClient in " + NeedsClient.class.getName()
					+ " requires the identity starter's OAuthClient")
			.contains("Set identity.issuer-uri to your OpenID provider's issuer URL")
			// Before Spring Boot's own analysis of a missing bean, which names no
			// property.
			.doesNotContain("Consider defining a bean of type");
	}

	@Test
	void analyzeWhenAnIssuerIsConfiguredThenLeftToSpringBoot() {
		MockEnvironment environment = new MockEnvironment().withProperty("identity.issuer-uri", "https://id.example");
		assertThat(analyze(environment, OAuthClient.class)).isNull();
		assertThat(analyze(new MockEnvironment().withProperty("identity.issuers.a.issuer-uri", "https://a.example"),
				OAuthClient.class))
			.isNull();
	}

	@Test
	void analyzeWhenIssuersAreNamedWithoutAnyUriThenTheFirstOnesUriIsNamed() {
		FailureAnalysis analysis = analyze(new MockEnvironment().withProperty("identity.issuers.a.audiences", "orders"),
				OAuthClient.class);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("Property: identity.issuers.a.issuer-uri");
		assertThat(analysis.getAction()).startsWith("Set identity.issuers.a.issuer-uri");
	}

	@Test
	void analyzeWhenTheMissingBeanIsNotTheStartersThenLeftToSpringBoot() {
		assertThat(analyze(new MockEnvironment(), String.class)).isNull();
		// The application's own type, although in a package named like the starter's.
		assertThat(analyze(new MockEnvironment(), NeedsClient.class)).isNull();
	}

	@Test
	void analyzeWhenProcessedAheadOfTimeWithoutIssuerThenSaysToSetItForTheBuild() {
		// Set at run time, but no engines were defined when the application was
		// processed.
		MockEnvironment environment = new MockEnvironment().withProperty("identity.issuer-uri", "https://id.example");
		withAotEnabled(() -> {
			FailureAnalysis analysis = analyze(environment, OAuthClient.class);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("OAuthClient")
				.contains("the application was processed ahead of time without identity.issuer-uri");
			assertThat(analysis.getAction()).contains("spring-boot:process-aot");
		});
	}

	@Test
	void analyzeWhenProcessedAheadOfTimeWithAnIssuerThenLeftToSpringBoot() {
		// The engines are defined, so the build saw an issuer: the bean is missing for
		// another reason (a client id, the kind of web application).
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerBeanDefinition("identityEngines", new RootBeanDefinition(IdentityEngines.class));
		MockEnvironment environment = new MockEnvironment().withProperty("identity.issuer-uri", "https://id.example");
		withAotEnabled(() -> assertThat(analyze(beans, environment,
				new NoSuchBeanDefinitionException(ClientCredentialsRestClientCustomizer.class)))
			.isNull());
	}

	@Test
	void analyzeWhenMoreThanOneBeanFoundThenLeftToSpringBoot() {
		assertThat(analyze(new DefaultListableBeanFactory(), new MockEnvironment(),
				new NoUniqueBeanDefinitionException(OAuthClient.class, "first", "second")))
			.isNull();
	}

	private static FailureAnalysis analyze(MockEnvironment environment, Class<?> missing) {
		return analyze(new DefaultListableBeanFactory(), environment, new NoSuchBeanDefinitionException(missing));
	}

	private static FailureAnalysis analyze(DefaultListableBeanFactory beans, MockEnvironment environment,
			NoSuchBeanDefinitionException missing) {
		return new MissingIssuerFailureAnalyzer(beans, environment)
			.analyze(new IllegalStateException("start-up failed", missing));
	}

	private static void withAotEnabled(Runnable check) {
		String before = System.getProperty(AOT_ENABLED);
		System.setProperty(AOT_ENABLED, "true");
		try {
			check.run();
		}
		finally {
			if (before == null) {
				System.clearProperty(AOT_ENABLED);
			}
			else {
				System.setProperty(AOT_ENABLED, before);
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ IdentityAutoConfiguration.class, RestClientAutoConfiguration.class })
	static class NeedsClient {

		@Bean
		String usesTheClient(OAuthClient client) {
			return client.toString();
		}

	}

}
