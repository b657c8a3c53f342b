package dev.identity.autoconfigure;

import dev.identity.client.ClientCredentialsRestClientCustomizer;
import dev.identity.client.OAuthClient;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.IdentityEngines;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code identity.issuers.<name>.*}: fallbacks to the top-level values, and start-up
 * failures that name the property to fix. Nothing here reaches a provider.
 */
class SeveralIssuersConfigurationTests {

	private static final String A = "identity.issuers.a.issuer-uri=http://127.0.0.1:1/a";

	private static final String B = "identity.issuers.b.issuer-uri=http://127.0.0.1:1/b";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, RestClientAutoConfiguration.class));

	@Test
	void autoConfigurationWhenOnlyNamedIssuersThenOneEngineEachInDeclarationOrder() {
		this.runner.withPropertyValues(B, A, "identity.audiences=orders-api", "identity.issuers.a.audiences=billing")
			.run((context) -> {
				assertThat(context).hasSingleBean(OAuthClient.class);
				IdentityEngines engines = context.getBean(IdentityEngines.class);
				assertThat(engines.all()).containsOnlyKeys("a", "b");
				assertThat(engines.named("a").getSettings().validation().getAudiences()).containsExactly("billing");
				// Unset: the top-level value.
				assertThat(engines.named("b").getSettings().validation().getAudiences()).containsExactly("orders-api");
				assertThat(context.getBean(IdentityEngine.class)).isSameAs(engines.primary());
			});
	}

	@Test
	void autoConfigurationWhenIssuerUriAndIssuersBothSetThenFailsNamingBoth() {
		this.runner.withPropertyValues("identity.issuer-uri=http://127.0.0.1:1/one", A).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidIdentityConfigurationException.class)
				.hasMessageContaining("identity.issuer-uri")
				.hasMessageContaining("identity.issuers");
		});
	}

	@Test
	void autoConfigurationWhenTwoIssuersShareAnIssuerUriThenFailsNamingTheSecond() {
		this.runner.withPropertyValues(A, "identity.issuers.b.issuer-uri=http://127.0.0.1:1/a").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("identity.issuers.b.issuer-uri")
				.hasMessageContaining("identity.issuers.a");
		});
	}

	@Test
	void autoConfigurationWhenTheFirstIssuerDeclaredHasNoUriThenStartUpNamesItsProperty() {
		// Declared first without a URI: the starter does not stay off without a word.
		this.runner.withPropertyValues("identity.issuers.a.audiences=billing", B).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure().rootCause().hasMessageContaining("identity.issuers.a.issuer-uri");
		});
	}

	@Test
	void conditionWhenTheFirstIssuerDeclaredHasNoUriThenTheReportNamesTheIssuerThatHasOne() {
		new ApplicationContextRunner().withUserConfiguration(OnIssuer.class)
			.withPropertyValues("identity.issuers.a.audiences=billing", B)
			.run((context) -> {
				assertThat(context).hasSingleBean(OnIssuer.class);
				ConditionEvaluationReport report = ConditionEvaluationReport.get(context.getBeanFactory());
				assertThat(report.getConditionAndOutcomesBySource().get(OnIssuer.class.getName())).singleElement()
					.satisfies((outcome) -> assertThat(outcome.getOutcome().getMessage())
						.contains("found identity.issuers.b.issuer-uri"));
			});
	}

	@Test
	void autoConfigurationWhenNamedIssuersValuesAreInvalidThenOneReportNamesEachOfThem() {
		this.runner
			.withPropertyValues(A, "identity.issuers.b.audiences= ", "identity.issuers.b.algorithms=HS256",
					"identity.issuers.c.client-id=app")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("identity.issuers.b.issuer-uri")
					.hasMessageContaining("identity.issuers.b.algorithms")
					.hasMessageContaining("identity.issuers.c.issuer-uri")
					.hasMessageContaining("identity.client-secret");
			});
	}

	@Test
	void autoConfigurationWhenIssuerHasItsOwnClientIdThenItsEngineUsesIt() {
		this.runner
			.withPropertyValues(A, B, "identity.client-id=shared", "identity.client-secret=s3cr3t",
					"identity.issuers.b.client-id=own", "identity.issuers.b.client-secret=own-s3cr3t")
			.run((context) -> {
				IdentityEngines engines = context.getBean(IdentityEngines.class);
				assertThat(engines.named("a").getSettings().client().getClientId()).isEqualTo("shared");
				assertThat(engines.named("b").getSettings().client().getClientId()).isEqualTo("own");
				assertThat(engines.all().values()).allSatisfy(
						(engine) -> assertThat(engine.getSettings().client().toString()).doesNotContain("s3cr3t"));
			});
	}

	@Test
	void autoConfigurationWhenOpaqueTokensWithSeveralIssuersThenFailsNamingIt() {
		// An opaque token names no issuer: it could only be sent to one of them by guess.
		this.runner
			.withPropertyValues(A, B, "identity.client-id=app", "identity.client-secret=s3cr3t",
					"identity.introspection.opaque-tokens=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("identity.introspection.opaque-tokens")
					.hasMessageContaining("forIssuer");
			});
	}

	@Test
	void autoConfigurationWhenTheFirstIssuerHasItsOwnClientIdThenTheClientCredentialsCustomizersExist() {
		this.runner
			.withPropertyValues(A, B, "identity.issuers.a.client-id=app", "identity.issuers.a.client-secret=s3cr3t")
			.run((context) -> assertThat(context).hasSingleBean(ClientCredentialsRestClientCustomizer.class));
		// The customizers act as the first issuer's client: another issuer's id does not
		// make one.
		this.runner
			.withPropertyValues(A, B, "identity.issuers.b.client-id=app", "identity.issuers.b.client-secret=s3cr3t")
			.run((context) -> assertThat(context).doesNotHaveBean(ClientCredentialsRestClientCustomizer.class));
		this.runner.withPropertyValues(A, B, "identity.client-id=app", "identity.client-secret=s3cr3t")
			.run((context) -> assertThat(context).hasSingleBean(ClientCredentialsRestClientCustomizer.class));
	}

	@Test
	void autoConfigurationWhenNoIssuerAtAllThenNothingIsConfigured() {
		this.runner.withPropertyValues("identity.issuers.a.audiences=x")
			.run((context) -> assertThat(context).doesNotHaveBean(OAuthClient.class));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnIssuer
	static class OnIssuer {

	}

}
