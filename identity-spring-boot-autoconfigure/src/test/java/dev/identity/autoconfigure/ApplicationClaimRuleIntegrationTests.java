package dev.identity.autoconfigure;

import java.time.Duration;

import dev.identity.client.OAuthClient;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.client.SmartOAuthClient;
import dev.identity.core.ClaimRule;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.security.IdentityResourceServerAutoConfiguration;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application's {@link ClaimRule} beans apply to real access tokens of a real provider
 * on every path that validates them: the three clients and the {@code JwtDecoder}s. (The
 * controller parameters are covered by the web contract, on both stacks.)
 */
class ApplicationClaimRuleIntegrationTests {

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	private final ApplicationContextRunner blockingRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityResourceServerAutoConfiguration.class, RestClientAutoConfiguration.class))
		.withUserConfiguration(NoWriteScopeRules.class);

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityResourceServerAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withUserConfiguration(NoWriteScopeRules.class);

	private static String[] properties() {
		return new String[] { "identity.issuer-uri=" + provider.issuer(),
				"identity.audiences=" + TestProvider.CLIENT_ID };
	}

	/** Both rules failed, in their {@code @Order}, and nothing else did. */
	private static void refusedByTheRules(Throwable failure) {
		assertThat(failure).isInstanceOf(InvalidTokenException.class);
		assertThat(((InvalidTokenException) failure).getFailures()).containsExactly(
				new TokenCheckFailure(TokenCheck.CUSTOM, "write scope refused"),
				new TokenCheckFailure(TokenCheck.CUSTOM, "write scope refused again"));
	}

	@Test
	void validateWhenApplicationRuleRefusesThenCustomFailuresFromBlockingAndSmartClients() {
		String read = provider.clientCredentialsToken("read");
		String write = provider.clientCredentialsToken("read write");
		this.blockingRunner.withPropertyValues(properties()).run((context) -> {
			OAuthClient blocking = context.getBean(OAuthClient.class);
			SmartOAuthClient smart = context.getBean(SmartOAuthClient.class);
			assertThat(blocking.validate(read).getSubject()).isEqualTo(TestProvider.CLIENT_ID);
			assertThat(smart.validate(read).getSubject()).isEqualTo(TestProvider.CLIENT_ID);
			for (int attempt = 0; attempt < 2; attempt++) {
				// The second attempt would find the token in the validated-token cache
				// if the rules ran after it.
				assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> blocking.validate(write))
					.satisfies(ApplicationClaimRuleIntegrationTests::refusedByTheRules);
				assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> smart.validate(write))
					.satisfies(ApplicationClaimRuleIntegrationTests::refusedByTheRules);
			}
		});
	}

	@Test
	void decodeWhenApplicationRuleRefusesThenBadJwtFromTheJwtDecoder() {
		String read = provider.clientCredentialsToken("read");
		String write = provider.clientCredentialsToken("read write");
		this.blockingRunner.withPropertyValues(properties()).run((context) -> {
			JwtDecoder decoder = context.getBean(JwtDecoder.class);
			assertThat(decoder.decode(read).getSubject()).isEqualTo(TestProvider.CLIENT_ID);
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(write))
				.satisfies((ex) -> refusedByTheRules(ex.getCause()));
		});
	}

	@Test
	void validateWhenApplicationRuleRefusesThenErrorFromReactiveClientAndDecoder() {
		String read = provider.clientCredentialsToken("read");
		String write = provider.clientCredentialsToken("read write");
		this.reactiveRunner.withPropertyValues(properties()).run((context) -> {
			ReactiveOAuthClient reactive = context.getBean(ReactiveOAuthClient.class);
			StepVerifier.create(reactive.validate(read))
				.assertNext((token) -> assertThat(token.getSubject()).isEqualTo(TestProvider.CLIENT_ID))
				.verifyComplete();
			StepVerifier.create(reactive.validate(write))
				.expectErrorSatisfies(ApplicationClaimRuleIntegrationTests::refusedByTheRules)
				.verify(Duration.ofSeconds(30));
			StepVerifier.create(context.getBean(SmartOAuthClient.class).validateAsync(write))
				.expectErrorSatisfies(ApplicationClaimRuleIntegrationTests::refusedByTheRules)
				.verify(Duration.ofSeconds(30));
			StepVerifier.create(context.getBean(ReactiveJwtDecoder.class).decode(write)).expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(BadJwtException.class);
				refusedByTheRules(ex.getCause());
			}).verify(Duration.ofSeconds(30));
		});
	}

	@Test
	void validateWhenNoApplicationRuleThenTheSameTokenIsAccepted() {
		String write = provider.clientCredentialsToken("read write");
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
					IdentityResourceServerAutoConfiguration.class, RestClientAutoConfiguration.class))
			.withPropertyValues(properties())
			.run((context) -> assertThat(context.getBean(OAuthClient.class).validate(write).getScopes())
				.contains("write"));
	}

	@Configuration(proxyBeanMethods = false)
	static class NoWriteScopeRules {

		// Declared out of order: the policy applies them by @Order.
		@Bean
		@Order(2)
		ClaimRule noWriteScopeAgain() {
			return rule("no-write-scope-again", "write scope refused again");
		}

		@Bean
		@Order(1)
		ClaimRule noWriteScope() {
			return rule("no-write-scope", "write scope refused");
		}

		private static ClaimRule rule(String name, String description) {
			return ClaimRule.require(name, (token) -> !token.getClaimAsStringList("scope").contains("write"),
					description);
		}

	}

}
