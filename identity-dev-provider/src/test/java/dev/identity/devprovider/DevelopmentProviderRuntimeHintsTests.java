package dev.identity.devprovider;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The development provider's runtime hints, as an application's ahead-of-time processing
 * finds them in {@code META-INF/spring/aot.factories}.
 */
class DevelopmentProviderRuntimeHintsTests {

	@Test
	void registerHintsWhenLoadedFromAotFactoriesThenPropertiesCanBeBound() {
		RuntimeHints hints = new RuntimeHints();
		AotServices.factories()
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));
		assertThat(RuntimeHintsPredicates.reflection().onType(DevelopmentProviderProperties.class)).accepts(hints);
		for (String setter : new String[] { "setEnabled", "setPort", "setProductionProfiles" }) {
			assertThat(
					RuntimeHintsPredicates.reflection().onMethodInvocation(DevelopmentProviderProperties.class, setter))
				.as(setter)
				.accepts(hints);
		}
	}

}
