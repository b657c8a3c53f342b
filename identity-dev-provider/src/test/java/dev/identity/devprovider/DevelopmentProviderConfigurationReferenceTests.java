package dev.identity.devprovider;

import java.io.IOException;

import dev.identity.autoconfigure.ConfigurationReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the rows of the {@code identity.dev-provider.*} properties in
 * docs/configuration.md in line with this module's configuration metadata, by the rules
 * the library's own properties follow.
 */
class DevelopmentProviderConfigurationReferenceTests {

	private static ConfigurationReference reference;

	@BeforeAll
	static void load() throws IOException {
		reference = ConfigurationReference.load((name) -> name.startsWith("identity.dev-provider."));
		assertThat(reference.properties()).as("identity.dev-provider.* properties in the metadata")
			.contains("identity.dev-provider.enabled", "identity.dev-provider.port",
					"identity.dev-provider.production-profiles");
	}

	@Test
	void everyPropertyWhenMetadataGeneratedThenDocumented() {
		assertThat(reference.undocumented())
			.as("Properties without a table row \"| `identity.x.y` | default | meaning |\"; document them in docs/configuration.md")
			.isEmpty();
	}

	@Test
	void everyDocumentedPropertyWhenInTheReferenceThenExists() {
		assertThat(reference.stale()).as("Properties in docs/configuration.md that do not exist (renamed or removed?)")
			.isEmpty();
	}

	@Test
	void everyDefaultWhenDocumentedThenTheRealOne() {
		assertThat(reference.wrongDefaults())
			.as("Properties whose default in docs/configuration.md differs from the metadata")
			.isEmpty();
	}

}
