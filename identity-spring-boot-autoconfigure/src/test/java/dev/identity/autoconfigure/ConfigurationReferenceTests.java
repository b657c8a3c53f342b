package dev.identity.autoconfigure;

import java.io.IOException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/configuration.md in line with the generated configuration metadata: every
 * {@code identity.*} property is documented, no documented property is stale, and every
 * documented default is the real one. The development provider's
 * {@code identity.dev-provider.*} properties are identity-dev-provider's, checked there.
 */
class ConfigurationReferenceTests {

	private static ConfigurationReference reference;

	@BeforeAll
	static void load() throws IOException {
		reference = ConfigurationReference.load((name) -> !name.startsWith("identity.dev-provider."));
		assertThat(reference.properties()).as("identity.* properties in the metadata").isNotEmpty();
	}

	@Test
	void everyPropertyIsDocumented() {
		assertThat(reference.undocumented())
			.as("Properties without a table row \"| `identity.x.y` | default | meaning |\"; document them in docs/configuration.md")
			.isEmpty();
	}

	@Test
	void everyDocumentedPropertyExists() {
		assertThat(reference.stale()).as("Properties in docs/configuration.md that do not exist (renamed or removed?)")
			.isEmpty();
	}

	@Test
	void everyDefaultIsDocumented() {
		assertThat(reference.wrongDefaults())
			.as("Properties whose default in docs/configuration.md differs from the metadata")
			.isEmpty();
	}

}
