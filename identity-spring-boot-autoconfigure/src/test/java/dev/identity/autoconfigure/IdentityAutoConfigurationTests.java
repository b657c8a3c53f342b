package dev.identity.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.identity.autoconfigure.internal.EngineSettingsFactory;
import dev.identity.client.ClientCredentialsRestClientCustomizer;
import dev.identity.client.ClientCredentialsWebClientCustomizer;
import dev.identity.client.EventLoopPolicy;
import dev.identity.client.OAuthClient;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.client.SmartOAuthClient;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.security.EngineJwtDecoder;
import dev.identity.security.IdentityResourceServerAutoConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class IdentityAutoConfigurationTests {

	private static final String ISSUER = "identity.issuer-uri=http://127.0.0.1:1/issuer";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityResourceServerAutoConfiguration.class, RestClientAutoConfiguration.class));

	private final WebApplicationContextRunner servletRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityResourceServerAutoConfiguration.class, RestClientAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityResourceServerAutoConfiguration.class, WebClientAutoConfiguration.class));

	@Test
	void autoConfigurationWhenNoIssuerThenNothingAndReportSaysWhy() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(IdentityEngine.class)
				.doesNotHaveBean(OAuthClient.class)
				.doesNotHaveBean(SmartOAuthClient.class)
				.doesNotHaveBean(IdentityProperties.class);
			ConditionOutcome outcome = ConditionEvaluationReport.get(context.getBeanFactory())
				.getConditionAndOutcomesBySource()
				.get(IdentityAutoConfiguration.class.getName())
				.iterator()
				.next()
				.getOutcome();
			assertThat(outcome.isMatch()).isFalse();
			assertThat(outcome.getMessage()).contains("identity.issuer-uri");
		});
	}

	@Test
	void autoConfigurationWhenNonWebApplicationThenBlockingAndSmartClients() {
		this.contextRunner.withPropertyValues(ISSUER).run((context) -> {
			assertThat(context).hasSingleBean(IdentityEngine.class)
				.hasSingleBean(OAuthClient.class)
				.hasSingleBean(SmartOAuthClient.class)
				.doesNotHaveBean(ReactiveOAuthClient.class);
			IdentityEngine engine = context.getBean(IdentityEngine.class);
			assertThat(engineOf(context.getBean(OAuthClient.class))).isSameAs(engine);
			assertThat(engineOf(context.getBean(SmartOAuthClient.class))).isSameAs(engine);
		});
	}

	@Test
	void autoConfigurationWhenServletApplicationThenBlockingAndSmartClients() {
		this.servletRunner.withPropertyValues(ISSUER).run((context) -> {
			assertThat(context).hasSingleBean(OAuthClient.class)
				.hasSingleBean(SmartOAuthClient.class)
				.doesNotHaveBean(ReactiveOAuthClient.class);
			assertThat(engineOf(context.getBean(SmartOAuthClient.class)))
				.isSameAs(engineOf(context.getBean(OAuthClient.class)));
		});
	}

	@Test
	void autoConfigurationWhenReactiveApplicationThenReactiveAndSmartClients() {
		this.reactiveRunner.withPropertyValues(ISSUER).run((context) -> {
			assertThat(context).hasSingleBean(ReactiveOAuthClient.class)
				.hasSingleBean(SmartOAuthClient.class)
				.doesNotHaveBean(OAuthClient.class);
			assertThat(engineOf(context.getBean(SmartOAuthClient.class)))
				.isSameAs(engineOf(context.getBean(ReactiveOAuthClient.class)));
		});
	}

	@Test
	void autoConfigurationWhenServletThenJwtDecoderOnTheEngine() {
		this.servletRunner.withPropertyValues(ISSUER).run((context) -> {
			assertThat(context).hasSingleBean(JwtDecoder.class).doesNotHaveBean(ReactiveJwtDecoder.class);
			assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(EngineJwtDecoder.class);
		});
	}

	@Test
	void autoConfigurationWhenReactiveThenReactiveJwtDecoderOnTheEngine() {
		this.reactiveRunner.withPropertyValues(ISSUER).run((context) -> {
			assertThat(context).hasSingleBean(ReactiveJwtDecoder.class).doesNotHaveBean(JwtDecoder.class);
		});
	}

	@Test
	void autoConfigurationWhenUserDefinesJwtDecoderThenBacksOff() {
		this.servletRunner.withPropertyValues(ISSUER)
			.withBean("myDecoder", org.springframework.security.oauth2.jwt.JwtDecoder.class, () -> (token) -> {
				throw new BadJwtException("no");
			})
			.run((context) -> assertThat(context).hasSingleBean(JwtDecoder.class).hasBean("myDecoder"));
	}

	@Test
	void autoConfigurationWhenClientIdThenOutgoingCallCustomizersOffered() {
		this.contextRunner.withPropertyValues(ISSUER, "identity.client-id=app", "identity.client-secret=s3cr3t")
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientCredentialsRestClientCustomizer.class)
					.hasSingleBean(ClientCredentialsWebClientCustomizer.class);
				assertThat(context.getBean(IdentityEngine.class).getSettings().client().toString())
					.doesNotContain("s3cr3t");
			});
		this.contextRunner.withPropertyValues(ISSUER)
			.run((context) -> assertThat(context).doesNotHaveBean(ClientCredentialsRestClientCustomizer.class));
	}

	@Test
	void autoConfigurationWhenClientSecretMissingThenFailsNamingProperty() {
		this.contextRunner.withPropertyValues(ISSUER, "identity.client-id=app").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("identity.client-secret")
				.hasMessageContaining("client-secret-basic");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "identity.http.deadline=100000d", "identity.http.shared-fetch-wait=11s",
			"identity.introspection.failure-ttl=100000000d", "identity.token.renewal-skew=8d",
			"identity.jwks.outage-tolerance=1000000000d", "identity.introspection.max-per-second=0" })
	void autoConfigurationWhenANumberIsAbsurdThenFailsNamingProperty(String property) {
		this.contextRunner.withPropertyValues(ISSUER, property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(property.substring(0, property.indexOf('=')));
		});
	}

	@Test
	void autoConfigurationWhenOpaqueTokensWithoutClientThenFailsNamingProperty() {
		this.contextRunner.withPropertyValues(ISSUER, "identity.introspection.opaque-tokens=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("identity.introspection.opaque-tokens")
				.hasMessageContaining("identity.client-id");
		});
	}

	@Test
	void autoConfigurationWhenUserDefinesClientsThenBacksOff() {
		this.contextRunner.withPropertyValues(ISSUER).withUserConfiguration(UserClients.class).run((context) -> {
			assertThat(context).hasSingleBean(OAuthClient.class).hasSingleBean(SmartOAuthClient.class);
			assertThat(context.getBean(OAuthClient.class)).isSameAs(context.getBean("myClient"));
			assertThat(context.getBean(SmartOAuthClient.class)).isSameAs(context.getBean("mySmartClient"));
		});
	}

	@Test
	void autoConfigurationWhenUserDefinesEngineThenClientsUseIt() {
		this.contextRunner.withPropertyValues(ISSUER).withUserConfiguration(UserEngine.class).run((context) -> {
			assertThat(context).hasSingleBean(IdentityEngine.class);
			assertThat(engineOf(context.getBean(OAuthClient.class))).isSameAs(context.getBean("myEngine"));
		});
	}

	@Test
	void autoConfigurationWhenClockBeanThenEngineUsesIt() {
		this.contextRunner.withPropertyValues(ISSUER).withUserConfiguration(UserClock.class).run((context) -> {
			assertThat(context.getBean(IdentityEngine.class).getClock()).isSameAs(context.getBean(Clock.class));
		});
	}

	@Test
	void autoConfigurationWhenProviderUnreachableThenStartsWithoutCallingIt() {
		// Port 1 refuses connections: any request at start-up would fail the context.
		this.servletRunner.withPropertyValues(ISSUER).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(IdentityEngine.class).cachedDiscovery()).isNull();
			assertThat(context.getBean(IdentityEngine.class).cachedKeys()).isNull();
		});
	}

	@Test
	void autoConfigurationWhenPropertiesSetThenEngineUsesThem() {
		this.contextRunner
			.withPropertyValues(ISSUER, "identity.audiences=api,other", "identity.algorithms=ES256",
					"identity.clock-skew=5s", "identity.required-type=at+jwt", "identity.required-claims=sub",
					"identity.jwks.minimum-refresh-interval=10s", "identity.discovery.require-same-host=false")
			.run((context) -> {
				var settings = context.getBean(IdentityEngine.class).getSettings();
				assertThat(settings.validation().getAudiences()).containsExactlyInAnyOrder("api", "other");
				assertThat(settings.validation().getAlgorithms()).extracting(Enum::name).containsExactly("ES256");
				assertThat(settings.validation().getClockSkew()).hasSeconds(5);
				assertThat(settings.validation().getRequiredType()).isEqualTo("at+jwt");
				assertThat(settings.validation().getRequiredClaims()).containsExactly("sub");
				assertThat(settings.jwksCache().minimumRefreshInterval()).hasSeconds(10);
				assertThat(settings.discoveryPolicy().requireSameHost()).isFalse();
				assertThat(settings.discoveryPolicy().requireHttps()).isTrue();
			});
	}

	@Test
	void autoConfigurationWhenIssuerUsesHttpOnPublicHostThenFailsNamingProperty() {
		this.contextRunner.withPropertyValues("identity.issuer-uri=http://login.example.com").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidIdentityConfigurationException.class)
				.hasMessageContaining("identity.issuer-uri")
				.hasMessageContaining("HTTPS");
		});
	}

	@Test
	void autoConfigurationWhenHttpsNotRequiredThenPlainHttpIssuerAccepted() {
		this.contextRunner
			.withPropertyValues("identity.issuer-uri=http://login.example.com",
					"identity.discovery.require-https=false")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(IdentityEngine.class));
	}

	@Test
	void autoConfigurationWhenSymmetricAlgorithmThenFailsNamingProperty() {
		this.contextRunner.withPropertyValues(ISSUER, "identity.algorithms=RS256,HS256").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidIdentityConfigurationException.class)
				.hasMessageContaining("identity.algorithms")
				.hasMessageContaining("HS256")
				.hasMessageContaining("never accepted");
		});
	}

	@Test
	void autoConfigurationWhenCacheSettingsInconsistentThenFailsNamingEveryProperty() {
		this.contextRunner
			.withPropertyValues(ISSUER, "identity.jwks.refresh-ahead=10m", "identity.http.read-timeout=0s",
					"identity.clock-skew=-1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidIdentityConfigurationException failure = (InvalidIdentityConfigurationException) context
					.getStartupFailure()
					.getCause()
					.getCause();
				assertThat(failure.getProblems()).extracting(InvalidIdentityConfigurationException.Problem::property)
					.containsExactlyInAnyOrder("identity.jwks.refresh-ahead", "identity.http.read-timeout",
							"identity.clock-skew");
			});
	}

	@Test
	void failureAnalyzerWhenInvalidConfigurationThenNamesPropertyValueAndReason() {
		InvalidIdentityConfigurationException failure = new InvalidIdentityConfigurationException(
				List.of(new InvalidIdentityConfigurationException.Problem("identity.algorithms", "HS256",
						"symmetric algorithms are never accepted")));
		var analysis = new IdentityConfigurationFailureAnalyzer().analyze(new IllegalStateException(failure));
		assertThat(analysis.getDescription()).contains("Property: identity.algorithms")
			.contains("Value: 'HS256'")
			.contains("Reason: symmetric algorithms are never accepted");
		assertThat(analysis.getAction()).contains("identity.algorithms");
	}

	@Test
	void startupWhenMisconfiguredThenFailureAnalyzerExplainsTheProperty(CapturedOutput output) {
		SpringApplication application = new SpringApplication(EmptyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(
				Map.of("identity.issuer-uri", "http://login.example.com", "spring.main.banner-mode", "off"));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: identity.issuer-uri")
			.contains("Value: 'http://login.example.com'")
			.contains("HTTPS")
			.contains("Update identity.issuer-uri");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(IdentityAutoConfiguration.class)
	static class EmptyApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClients {

		@Bean
		OAuthClient myClient(IdentityEngine engine) {
			return new OAuthClient(engine, RestClient.create());
		}

		@Bean
		SmartOAuthClient mySmartClient(OAuthClient client, IdentityEngine engine) {
			return new SmartOAuthClient(client,
					new ReactiveOAuthClient(engine, WebClient.create(), Duration.ofSeconds(5)), EventLoopPolicy.FAIL);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEngine {

		@Bean
		IdentityEngine myEngine(IdentityProperties properties) {
			return new IdentityEngine(EngineSettingsFactory.create(properties), Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClock {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
		}

	}

	/** The engine a client runs on: not public API, so read from its field. */
	private static @Nullable Object engineOf(Object client) {
		Object target = (client instanceof SmartOAuthClient) ? ReflectionTestUtils.getField(client, "blocking")
				: client;
		return ReflectionTestUtils.getField(target, "engine");
	}

}
