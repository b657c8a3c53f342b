package dev.identity.autoconfigure;

import dev.identity.client.OAuthClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
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
			.contains("the application needs the identity starter's OAuthClient")
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
		MockEnvironment environment = new MockEnvironment().withProperty("identity.issuer-uri", "https://id.example");
		String before = System.getProperty(AOT_ENABLED);
		System.setProperty(AOT_ENABLED, "true");
		try {
			FailureAnalysis analysis = analyze(environment, OAuthClient.class);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("OAuthClient")
				.contains("processed ahead of time without identity.issuer-uri");
			assertThat(analysis.getAction()).contains("spring-boot:process-aot");
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

	private static FailureAnalysis analyze(MockEnvironment environment, Class<?> missing) {
		return new MissingIssuerFailureAnalyzer(environment)
			.analyze(new IllegalStateException("start-up failed", new NoSuchBeanDefinitionException(missing)));
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
