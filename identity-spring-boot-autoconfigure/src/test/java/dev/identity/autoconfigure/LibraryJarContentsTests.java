package dev.identity.autoconfigure;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's jar ships no development provider: that lives in identity-dev-provider,
 * with Spring Authorization Server. Checked on the module's main output, the classes the
 * jar is built from (this module's tests compile the provider too, into test-classes).
 */
class LibraryJarContentsTests {

	private static final String PROVIDER_PACKAGE = "dev.identity.devprovider";

	@Test
	void mainOutputWhenBuiltThenHoldsNoDevelopmentProviderClass() throws Exception {
		Path classes = mainOutput();
		try (Stream<Path> files = Files.walk(classes)) {
			List<String> provider = files.map((file) -> classes.relativize(file).toString().replace('\\', '/'))
				.filter((name) -> name.startsWith(PROVIDER_PACKAGE.replace('.', '/') + "/"))
				.toList();
			assertThat(provider).as("development provider files in " + classes).isEmpty();
		}
	}

	@Test
	void mainOutputWhenBuiltThenDependsOnNeitherProviderNorAuthorizationServer() throws Exception {
		JavaClasses library = new ClassFileImporter().importPath(mainOutput());
		assertThat(library).as("classes in the main output").isNotEmpty();
		noClasses().should()
			.resideInAPackage(PROVIDER_PACKAGE + "..")
			.orShould()
			.dependOnClassesThat()
			.resideInAnyPackage(PROVIDER_PACKAGE + "..", "org.springframework.security.oauth2.server.authorization..",
					"org.springframework.boot.security.oauth2.server.authorization..")
			.check(library);
	}

	@Test
	void registrationWhenBuiltThenNamesNoDevelopmentProviderClass() throws Exception {
		Path metaInf = mainOutput().resolve("META-INF");
		try (Stream<Path> files = Files.walk(metaInf)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertThat(Files.readString(file)).as(file.toString()).doesNotContain(PROVIDER_PACKAGE);
			}
		}
	}

	/** The directory (or jar) this module's main classes were loaded from. */
	private static Path mainOutput() throws URISyntaxException, IOException {
		Path classes = Path
			.of(IdentityAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertThat(classes).as("the main output directory").isDirectory();
		return classes;
	}

}
