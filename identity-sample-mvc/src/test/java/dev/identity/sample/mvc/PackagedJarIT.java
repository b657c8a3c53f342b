package dev.identity.sample.mvc;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as it ships: {@code java -jar} of the repackaged jar, with no arguments. It
 * enables the development provider, but a packaged application never starts it, so
 * start-up fails naming {@code identity.issuer-uri}. Runs after {@code package} (Maven
 * Failsafe), on the jar the build made.
 */
class PackagedJarIT {

	private static final String PROVIDER_STARTED = "Started a development OpenID provider";

	@Test
	void javaJarWhenNoArgumentsThenStartUpFailsNamingTheIssuerProperty(@TempDir Path workingDirectory)
			throws Exception {
		// The verdict: the output ends, or the provider starts.
		int exitValue;
		String log;
		try (SampleJar sample = SampleJar.start(workingDirectory, PROVIDER_STARTED, List.of(), List.of())) {
			assertThat(sample.output()).as("output").doesNotContain(PROVIDER_STARTED);
			exitValue = sample.exitValue(30);
			log = sample.output();
			System.out.printf("java -jar failed start-up after %d ms%n", sample.millisSinceStart());
		}
		assertThat(exitValue).as("exit status; output:%n%s", log).isNotZero();
		assertThat(log).contains("APPLICATION FAILED TO START")
			.contains("Property: identity.issuer-uri")
			.contains("runs packaged")
			.contains("Spring Boot's launcher")
			.doesNotContain("demo-admin-secret");
	}

}
