package dev.identity.login;

import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URL;
import java.time.Clock;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.identity.login.internal.IdTokenValidator;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login protocol has no I/O, no clock and no web stack, so the MVC and WebFlux
 * endpoints built on it share one implementation and the rules are tested in memory.
 */
class LoginArchitectureTests {

	@Test
	void loginDependsOnNoSpringReactorServletHttpClientOrClock() {
		JavaClasses login = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.identity.login");
		assertThat(login.contain(IdTokenValidator.class)).isTrue();
		noClasses().that()
			.resideInAPackage("dev.identity.login..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "reactor..", "jakarta.servlet..", "java.net.http..",
					"dev.identity.engine..", "dev.identity.client..", "dev.identity.autoconfigure..")
			.orShould()
			.dependOnClassesThat()
			.belongToAnyOf(Clock.class, URL.class, HttpURLConnection.class, Socket.class)
			.check(login);
	}

}
