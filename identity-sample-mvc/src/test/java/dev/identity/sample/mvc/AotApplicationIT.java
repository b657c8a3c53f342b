package dev.identity.sample.mvc;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
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

	private static DevelopmentProvider provider;

	private static SampleJar application;

	private static int port;

	@BeforeAll
	static void start(@TempDir Path workingDirectory) throws Exception {
		provider = DevelopmentProvider.demo(0).start();
		application = SampleJar.start(workingDirectory, STARTED, List.of("-Dspring.aot.enabled=true"),
				List.of("--server.port=0", "--identity.issuer-uri=" + provider.issuer(),
						"--identity.client-id=" + DemoAccounts.CLIENT_ID,
						"--identity.client-secret=" + DemoAccounts.CLIENT_SECRET,
						"--identity.audiences=" + DemoAccounts.AUDIENCE));
		String output = output();
		assertThat(output).as("output").contains(STARTED);
		System.out.printf("the AOT-processed sample started after %d ms%n", application.millisSinceStart());
		Matcher matcher = PORT.matcher(output);
		assertThat(matcher.find()).as("the port in the output:%n%s", output).isTrue();
		port = Integer.parseInt(matcher.group(1));
		provider.allowApplication(URI.create("http://127.0.0.1:" + port), "/login/callback");
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (application != null) {
			application.close();
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
		return application.output();
	}

}
