package dev.identity.sample.mvc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
		Path jar = Path.of(System.getProperty("sample.jar", "target/identity-sample-mvc-0.1.0-SNAPSHOT.jar"))
			.toAbsolutePath();
		assertThat(jar).as("the repackaged sample").isRegularFile();
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString())
			.directory(workingDirectory.toFile())
			.redirectErrorStream(true);
		// Nothing from the build's environment configures it: what a user's shell would
		// start.
		builder.environment().keySet().removeIf((name) -> name.startsWith("IDENTITY_") || name.startsWith("SPRING_"));
		long started = System.nanoTime();
		Process process = builder.start();
		StringBuilder log = new StringBuilder();
		// Released when the output ends or the provider starts: either way there is a
		// verdict.
		CountDownLatch verdict = new CountDownLatch(1);
		CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> read(process, log, verdict));
		try {
			assertThat(verdict.await(120, TimeUnit.SECONDS)).as("a verdict within 120 s; output:%n%s", log).isTrue();
			assertThat(log).as("output").doesNotContain(PROVIDER_STARTED);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("java -jar ended").isTrue();
			reader.get(10, TimeUnit.SECONDS);
		}
		finally {
			process.destroyForcibly();
		}
		System.out.printf("java -jar failed start-up after %d ms%n",
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		assertThat(process.exitValue()).as("exit status; output:%n%s", log).isNotZero();
		assertThat(log.toString()).contains("APPLICATION FAILED TO START")
			.contains("Property: identity.issuer-uri")
			.contains("runs packaged")
			.contains("Spring Boot's launcher")
			.doesNotContain("demo-admin-secret");
	}

	private static void read(Process process, StringBuilder log, CountDownLatch verdict) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				synchronized (log) {
					log.append(line).append(System.lineSeparator());
				}
				if (line.contains(PROVIDER_STARTED)) {
					verdict.countDown();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			verdict.countDown();
		}
	}

}
