package dev.identity;

import java.nio.file.Path;
import java.time.Clock;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.identity.engine.internal.transport.TokenRequests;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The core has no I/O, no clock and no knowledge of the layers built on it, so it can be
 * driven in memory on simulated time.
 */
class ArchitectureTests {

	private static final ImportOption MAIN_CLASSES = ImportOption.Predefined.DO_NOT_INCLUDE_TESTS;

	@Test
	void coreDependsOnNoTransportReactiveClockOrOuterLayer() {
		JavaClasses core = new ClassFileImporter().withImportOption(MAIN_CLASSES).importPackages("dev.identity.core");
		assertThat(core.contain(dev.identity.core.internal.validation.TokenVerifier.class)).isTrue();
		independent("dev.identity.core").check(core);
	}

	@Test
	void ruleWhenPackageUsesClockThenViolationReported() {
		// The engine reads the clock, so the same rule must reject it; otherwise the rule
		// proves nothing.
		JavaClasses engine = new ClassFileImporter().withImportOption(MAIN_CLASSES)
			.importPackages("dev.identity.engine");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> independent("dev.identity.engine").check(engine))
			.withMessageContaining(Clock.class.getName());
	}

	@Test
	void mainClassesDependOnNoNimbusInternals() throws Exception {
		// The main output directory itself: scanning the classpath for the package costs
		// far more.
		Path classes = Path.of(TokenRequests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		JavaClasses main = new ClassFileImporter().importPath(classes);
		assertThat(main.contain(TokenRequests.class)).isTrue();
		noNimbusInternals().check(main);
	}

	@Test
	void nimbusRuleWhenClassUsesCryptoImplThenViolationReported() {
		// A test signs a DER-encoded ECDSA signature with Nimbus's internal transcoder:
		// the rule must see that dependency, or it proves nothing.
		JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
			.importPackages("dev.identity.core");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> noNimbusInternals().check(tests))
			.withMessageContaining("com.nimbusds.jose.crypto.impl.ECDSA");
	}

	/**
	 * Nimbus's {@code impl} packages are its internals, free to change in any release:
	 * JOSE rules that the starter needs are its own (see the core).
	 */
	private static ArchRule noNimbusInternals() {
		return noClasses().should().dependOnClassesThat().resideInAPackage("com.nimbusds..impl..");
	}

	private static ArchRule independent(String packageName) {
		return noClasses().that()
			.resideInAPackage(packageName + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("reactor..", "org.springframework.web..", "org.springframework.http..",
					"java.net.http..", "dev.identity.engine..", "dev.identity.client..", "dev.identity.autoconfigure..")
			.orShould()
			.dependOnClassesThat()
			.belongToAnyOf(Clock.class);
	}

}
