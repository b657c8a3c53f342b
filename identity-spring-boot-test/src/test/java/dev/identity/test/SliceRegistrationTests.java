package dev.identity.test;

import java.util.ArrayList;
import java.util.List;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.test.example.NotesController;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.AutoConfigureWebFlux;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureWebMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's part of the {@code @WebMvcTest} and {@code @WebFluxTest} slices includes
 * the start-up check, so that a slice without an issuer fails closed, as the application
 * does, instead of running the controller's requirements unchecked.
 */
class SliceRegistrationTests {

	@Test
	void webMvcSliceWhenNoIssuerThenStartUpFailsNamingTheProperty() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(starterSlice(AutoConfigureWebMvc.class, WebMvcAutoConfiguration.class)))
			.withUserConfiguration(NotesController.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.isInstanceOf(InvalidIdentityConfigurationException.class)
				.hasMessageContaining("identity.issuer-uri = '': must be set"));
	}

	@Test
	void webFluxSliceWhenNoIssuerThenStartUpFailsNamingTheProperty() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(starterSlice(AutoConfigureWebFlux.class, WebFluxAutoConfiguration.class)))
			.withUserConfiguration(NotesController.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.isInstanceOf(InvalidIdentityConfigurationException.class)
				.hasMessageContaining("identity.issuer-uri = '': must be set"));
	}

	// The starter's entries of a slice's imports, with the slice's web
	// auto-configuration.
	private static Class<?>[] starterSlice(Class<?> slice, Class<?> web) {
		List<Class<?>> classes = new ArrayList<>(List.of(web));
		for (String candidate : ImportCandidates.load(slice, SliceRegistrationTests.class.getClassLoader())) {
			if (candidate.startsWith("dev.identity.")) {
				try {
					classes.add(Class.forName(candidate));
				}
				catch (ClassNotFoundException ex) {
					throw new AssertionError("Slice import " + candidate + " does not exist", ex);
				}
			}
		}
		return classes.toArray(Class<?>[]::new);
	}

}
