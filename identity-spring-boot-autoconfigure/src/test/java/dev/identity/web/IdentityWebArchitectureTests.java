package dev.identity.web;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules both web stacks share live once, in a package that knows neither stack; each
 * stack's package knows only its own.
 */
class IdentityWebArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.identity.web");

	@Test
	void sharedRulesDependOnNeitherWebStack() {
		noClasses().that()
			.resideInAPackage("dev.identity.web")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web.servlet..", "org.springframework.web.reactive..",
					"org.springframework.web.server..", "jakarta.servlet..", "reactor..", "dev.identity.web.servlet..",
					"dev.identity.web.reactive..")
			.check(classes);
	}

	@Test
	void servletSupportDependsNotOnReactiveStack() {
		noClasses().that()
			.resideInAPackage("dev.identity.web.servlet..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web.reactive..", "org.springframework.web.server..", "reactor..",
					"dev.identity.web.reactive..")
			.check(classes);
	}

	@Test
	void reactiveSupportDependsNotOnServletStack() {
		noClasses().that()
			.resideInAPackage("dev.identity.web.reactive..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web.servlet..", "jakarta.servlet..", "dev.identity.web.servlet..")
			.check(classes);
	}

}
