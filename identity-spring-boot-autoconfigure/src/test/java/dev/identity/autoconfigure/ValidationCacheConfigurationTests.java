package dev.identity.autoconfigure;

import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.IdentityEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code identity.validation-cache.*} properties reach the engine, and a bound that
 * makes no sense stops the application at start-up, naming the property.
 */
class ValidationCacheConfigurationTests {

	private static final String ISSUER = "identity.issuer-uri=http://127.0.0.1:1/issuer";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, RestClientAutoConfiguration.class));

	@Test
	void autoConfigurationWhenNoSizeSetThenCacheBoundedTo32Megabytes() {
		this.contextRunner.withPropertyValues(ISSUER).run((context) -> {
			EngineSettings.TokenCacheSettings cache = context.getBean(IdentityEngine.class).getSettings().tokenCache();
			assertThat(cache.maxBytes()).isEqualTo(32L * 1024 * 1024);
			assertThat(cache.maxEntries()).isEqualTo(10_000);
		});
	}

	@Test
	void autoConfigurationWhenSizeSetThenEngineUsesIt() {
		this.contextRunner.withPropertyValues(ISSUER, "identity.validation-cache.max-size=8MB").run((context) -> {
			EngineSettings.TokenCacheSettings cache = context.getBean(IdentityEngine.class).getSettings().tokenCache();
			assertThat(cache.maxBytes()).isEqualTo(8L * 1024 * 1024);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1MB", "0B", "2GB" })
	void autoConfigurationWhenSizeIsAbsurdThenFailsNamingProperty(String size) {
		this.contextRunner.withPropertyValues(ISSUER, "identity.validation-cache.max-size=" + size).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("identity.validation-cache.max-size")
				.hasMessageContaining(size.equals("2GB") ? "at most 1GB" : "must be positive");
		});
	}

	@Test
	void autoConfigurationWhenCacheOffThenSizeNotChecked() {
		this.contextRunner
			.withPropertyValues(ISSUER, "identity.validation-cache.enabled=false",
					"identity.validation-cache.max-size=0B")
			.run((context) -> assertThat(context.getBean(IdentityEngine.class).getSettings().tokenCache().enabled())
				.isFalse());
	}

}
