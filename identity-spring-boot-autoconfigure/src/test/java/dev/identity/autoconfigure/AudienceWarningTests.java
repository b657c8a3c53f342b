package dev.identity.autoconfigure;

import dev.identity.client.OAuthClient;
import dev.identity.core.InvalidTokenException;
import dev.identity.engine.internal.IdentityEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Without {@code identity.audiences}, start-up says once, naming the property, that
 * tokens meant for other APIs are accepted; with audiences it says nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class AudienceWarningTests {

	private static final String WARNING = "identity.audiences is empty";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, RestClientAutoConfiguration.class))
		.withPropertyValues("identity.issuer-uri=http://127.0.0.1:1/issuer");

	@Test
	void startUpWhenNoAudiencesThenOneWarningNamingThePropertyAndWhatItAdmits(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			OAuthClient client = context.getBean(OAuthClient.class);
			// Requests do not repeat it.
			for (int i = 0; i < 3; i++) {
				assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> client.validate("not-a-token"));
			}
		});
		assertThat(output.getAll()).containsOnlyOnce(WARNING);
		assertThat(output.getAll().lines().filter((line) -> line.contains(WARNING)).findFirst().orElseThrow())
			.contains("WARN", "http://127.0.0.1:1/issuer", "any other API", "Set identity.audiences");
	}

	@Test
	void startUpWhenAudiencesSetThenNoWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues("identity.audiences=orders-api").run((context) -> {
			assertThat(context).hasSingleBean(IdentityEngine.class);
		});
		assertThat(output.getAll()).doesNotContain(WARNING);
	}

}
