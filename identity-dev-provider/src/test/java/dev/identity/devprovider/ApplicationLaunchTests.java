package dev.identity.devprovider;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.List;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.aot.AotDetector;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.SpringProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The development provider's rule for telling a run from the build from a packaged
 * application: the rule by which devtools turn themselves off, with tests allowed and
 * jars refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApplicationLaunchTests {

	private static final String APP_CLASS_LOADER = "jdk.internal.loader.ClassLoaders$AppClassLoader";

	private static final String LAUNCHED_CLASS_LOADER = "org.springframework.boot.loader.launch.LaunchedClassLoader";

	@Test
	void whyPackagedWhenTheSourceComesFromTheBuildThenNotPackaged() {
		// This test class: the JDK's application class loader, from target/test-classes,
		// as in the IDE,
		// spring-boot:run (target/classes) and every test run.
		assertThat(ApplicationLaunch.whyPackaged(List.of(ApplicationLaunchTests.class, "classpath:beans.xml")))
			.isNull();
	}

	@Test
	void whyPackagedWhenASourceComesFromAJarThenPackaged() {
		// A class of a jar on the class path, loaded by the same application class
		// loader: java -cp app.jar,
		// or the extracted layout's java -jar app/app.jar.
		assertThat(ApplicationLaunch
			.whyPackaged(List.of(ApplicationLaunchTests.class, PropertyPlaceholderAutoConfiguration.class)))
			.startsWith(PropertyPlaceholderAutoConfiguration.class.getName() + " was loaded from file:")
			.contains(".jar")
			.endsWith("not from a build's class directory");
	}

	@Test
	void whyPackagedWhenAheadOfTimeArtifactsAreUsedThenPackaged() {
		// The same build's classes, started as AOT-processed applications start on the
		// JVM.
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
		try {
			assertThat(ApplicationLaunch.whyPackaged(List.of(ApplicationLaunchTests.class)))
				.isEqualTo("it runs with ahead-of-time generated artifacts (spring.aot.enabled)");
		}
		finally {
			SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
		}
	}

	@Test
	void whyPackagedWhenNoSourceIsAClassThenPackaged() {
		assertThat(ApplicationLaunch.whyPackaged(List.of("classpath:beans.xml", "com.example"))).isNotNull();
	}

	/**
	 * What JarLauncher (java -jar), an unpacked archive and other loaders give the
	 * application's classes.
	 */
	@ParameterizedTest
	@CsvSource({ LAUNCHED_CLASS_LOADER + ", jar:file:/srv/app.jar!/BOOT-INF/classes!/, Spring Boot's launcher",
			LAUNCHED_CLASS_LOADER + ", file:/srv/app/BOOT-INF/classes/, Spring Boot's launcher",
			APP_CLASS_LOADER + ", file:/srv/app/app.jar, not from a build's class directory",
			APP_CLASS_LOADER + ", jar:file:/srv/app.jar!/BOOT-INF/classes!/, not from a build's class directory",
			APP_CLASS_LOADER + ", file:/srv/app/BOOT-INF/classes/, unpacked archive",
			APP_CLASS_LOADER + ", file:/opt/tomcat/webapps/app/WEB-INF/classes/, unpacked archive",
			"org.apache.catalina.loader.ParallelWebappClassLoader, file:/srv/classes/, not by the JDK's application class loader",
			"java.net.URLClassLoader, file:/work/app/target/classes/, not by the JDK's application class loader",
			APP_CLASS_LOADER + ", file:/app/classes/, not from a build's output directory",
			APP_CLASS_LOADER + ", file:/app/, not from a build's output directory" })
	void whyPackagedWhenLaunchedFromAnArchiveThenPackaged(String classLoader, String location, String reason)
			throws MalformedURLException {
		assertThat(ApplicationLaunch.whyPackaged("com.example.App", classLoader, url(location))).contains(reason);
	}

	/**
	 * spring-boot:run and the IDE (with or without devtools' restart), Maven and Gradle
	 * outputs.
	 */
	@ParameterizedTest
	@CsvSource({ APP_CLASS_LOADER + ", file:/work/app/target/classes/",
			APP_CLASS_LOADER + ", file:/work/app/target/test-classes/",
			APP_CLASS_LOADER + ", file:/work/app/build/classes/java/main/",
			APP_CLASS_LOADER + ", file:/work/app/out/production/app/",
			"org.springframework.boot.devtools.restart.classloader.RestartClassLoader, file:/work/app/target/classes/" })
	void whyPackagedWhenLaunchedFromABuildThenNotPackaged(String classLoader, String location)
			throws MalformedURLException {
		assertThat(ApplicationLaunch.whyPackaged("com.example.App", classLoader, url(location))).isNull();
	}

	@Test
	void whyPackagedWhenLocationUnknownThenPackaged() {
		assertThat(ApplicationLaunch.whyPackaged("com.example.App", APP_CLASS_LOADER, null)).contains("unknown place");
	}

	@Test
	void startUpWhenEnabledAndPackagedThenFailsNamingTheIssuerProperty(CapturedOutput output) {
		assertThatExceptionOfType(InvalidIdentityConfigurationException.class)
			.isThrownBy(() -> new SpringApplicationBuilder(PropertyPlaceholderAutoConfiguration.class)
				.web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off")
				.run("--identity.dev-provider.enabled=true", "--identity.dev-provider.port=0"))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement().satisfies((problem) -> {
				assertThat(problem.property()).isEqualTo("identity.issuer-uri");
				assertThat(problem.reason()).contains("runs packaged", "starts only from a build");
			}));
		assertThat(output).contains("Property: identity.issuer-uri").doesNotContain("Started a development");
	}

	private static URL url(String location) throws MalformedURLException {
		return URI.create(location).toURL();
	}

}
