package dev.identity.sample.mvc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.identity.devprovider.DemoAccounts;
import dev.identity.devprovider.DevelopmentProvider;
import dev.identity.testprovider.SampleApiContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample compiled ahead of time ({@code spring-boot:process-aot} in this module's
 * build) and started on the JVM with its generated artifacts
 * ({@code -Dspring.aot.enabled=true}), as the jar the build made: the samples' API
 * contract, over HTTP, against that process. It runs packaged, so it starts no
 * development provider: the test starts the demo provider and gives the sample the
 * properties the development provider would have set. Runs after {@code package} (Maven
 * Failsafe).
 */
class AotApplicationIT extends SampleApiContractTests {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final String STARTED = "Started MvcSampleApplication";

	private static final StringBuilder log = new StringBuilder();

	private static DevelopmentProvider provider;

	private static Process application;

	private static int port;

	@BeforeAll
	static void start(@TempDir Path workingDirectory) throws Exception {
		provider = DevelopmentProvider.demo(0).start();
		Path jar = Path.of(System.getProperty("sample.jar", "target/identity-sample-mvc-0.1.0-SNAPSHOT.jar"))
			.toAbsolutePath();
		assertThat(jar).as("the repackaged sample").isRegularFile();
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-jar", jar.toString(), "--server.port=0",
				"--identity.issuer-uri=" + provider.issuer(), "--identity.client-id=" + DemoAccounts.CLIENT_ID,
				"--identity.client-secret=" + DemoAccounts.CLIENT_SECRET,
				"--identity.audiences=" + DemoAccounts.AUDIENCE)
			.directory(workingDirectory.toFile())
			.redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("IDENTITY_") || name.startsWith("SPRING_"));
		long started = System.nanoTime();
		application = builder.start();
		// Released when the application has started or its output ended.
		CountDownLatch verdict = new CountDownLatch(1);
		CompletableFuture.runAsync(() -> read(application, verdict));
		assertThat(verdict.await(120, TimeUnit.SECONDS)).as("a verdict within 120 s; output:%n%s", log).isTrue();
		String output = output();
		assertThat(output).as("output").contains(STARTED);
		System.out.printf("the AOT-processed sample started after %d ms%n",
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		Matcher matcher = PORT.matcher(output);
		assertThat(matcher.find()).as("the port in the output:%n%s", output).isTrue();
		port = Integer.parseInt(matcher.group(1));
		provider.allowApplication(URI.create("http://127.0.0.1:" + port), "/login/callback");
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (application != null) {
			application.destroy();
			if (!application.waitFor(30, TimeUnit.SECONDS)) {
				application.destroyForcibly();
			}
		}
		if (provider != null) {
			provider.close();
		}
	}

	@Override
	protected String issuer() {
		return provider.issuer();
	}

	@Override
	protected int port() {
		return port;
	}

	@Test
	void applicationWhenStartedWithAotEnabledThenRunsTheGeneratedCode() {
		// Spring Boot says so when it uses the generated initializer; without one, AOT
		// mode
		// fails start-up.
		assertThat(output()).contains("Starting AOT-processed MvcSampleApplication")
			.doesNotContain("Started a development OpenID provider");
	}

	/**
	 * The contract reads this from the application context; here the application runs in
	 * another process and says it in its log. With AOT artifacts the development provider
	 * never starts: the application uses the provider it was given.
	 */
	@Test
	@Override
	protected void startsItsOwnDevelopmentProvider() {
		assertThat(output()).contains("Starting AOT-processed MvcSampleApplication")
			.doesNotContain("Started a development OpenID provider");
	}

	/**
	 * The contract reads the beans; here, from the log: Spring Boot's security defaults
	 * announce the password they generate.
	 */
	@Test
	@Override
	protected void applicationWhenDevelopmentProviderOnClassPathThenHasNoSpringSecurityDefaults() {
		assertThat(output()).contains("Starting AOT-processed MvcSampleApplication")
			.doesNotContain("Using generated security password");
	}

	private static String output() {
		synchronized (log) {
			return log.toString();
		}
	}

	private static void read(Process process, CountDownLatch verdict) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				synchronized (log) {
					log.append(line).append(System.lineSeparator());
				}
				if (line.contains(STARTED)) {
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
