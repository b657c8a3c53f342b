package dev.identity.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Keeps docs/configuration.md in line with the generated configuration metadata: every
 * {@code identity.*} property is documented, no documented property is stale, and every
 * documented default is the real one.
 */
class ConfigurationReferenceTests {

	private static final Path DOC = Path.of("..", "docs", "configuration.md");

	private static final Pattern PROPERTY_IN_BACKTICKS = Pattern.compile("`(identity\\.[^`\\s]+)`");

	/** Metadata properties by name. */
	private static final Map<String, JsonNode> properties = new LinkedHashMap<>();

	/** Table rows of the doc ("| ... |" lines). */
	private static final List<String> tableRows = new ArrayList<>();

	@BeforeAll
	static void load() throws IOException {
		try (InputStream in = ConfigurationReferenceTests.class.getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("META-INF/spring-configuration-metadata.json on the class path").isNotNull();
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				String name = property.get("name").asString();
				if (name.startsWith("identity.")) {
					properties.put(name, property);
				}
			}
		}
		assertThat(properties).as("identity.* properties in the metadata").isNotEmpty();
		if (!Files.isRegularFile(DOC)) {
			fail("Configuration reference not found at " + DOC.toAbsolutePath().normalize()
					+ " (tests must run with the module directory as working directory)");
		}
		for (String line : Files.readAllLines(DOC)) {
			if (line.startsWith("|")) {
				tableRows.add(line);
			}
		}
	}

	@Test
	void everyPropertyIsDocumented() {
		List<String> missing = properties.keySet().stream().filter((name) -> rowOf(name) == null).toList();
		assertThat(missing)
			.as("Properties without a table row \"| `identity.x.y` | default | meaning |\"; document them in docs/configuration.md")
			.isEmpty();
	}

	@Test
	void everyDocumentedPropertyExists() {
		Set<String> stale = new LinkedHashSet<>();
		for (String row : tableRows) {
			Matcher matcher = PROPERTY_IN_BACKTICKS.matcher(row);
			while (matcher.find()) {
				if (!exists(matcher.group(1))) {
					stale.add(matcher.group(1));
				}
			}
		}
		assertThat(stale).as("Properties in docs/configuration.md that do not exist (renamed or removed?)").isEmpty();
	}

	@Test
	void everyDefaultIsDocumented() {
		// The second column of a property's row must hold its default (every element for
		// a list).
		List<String> wrong = new ArrayList<>();
		properties.forEach((name, property) -> {
			JsonNode defaultValue = property.get("defaultValue");
			if (defaultValue == null || defaultValue.isNull()) {
				return;
			}
			String row = rowOf(name);
			if (row == null) {
				return; // reported by everyPropertyIsDocumented
			}
			String defaultCell = row.split("\\|")[2];
			List<String> expected = new ArrayList<>();
			if (defaultValue.isArray()) {
				defaultValue.forEach((element) -> expected.add(element.asString()));
			}
			else {
				expected.add(defaultValue.asString());
			}
			for (String value : expected) {
				if (!defaultCell.contains(value)) {
					wrong.add(name + " (default " + defaultValue + ")");
					break;
				}
			}
		});
		assertThat(wrong).as("Properties whose default in docs/configuration.md differs from the metadata").isEmpty();
	}

	/**
	 * Whether a documented name is a property, or a key of a map property such as
	 * {@code identity.claims.feature-flags.defaults[dark_mode]} or
	 * {@code identity.claims.feature-flags.defaults.*}.
	 */
	private static boolean exists(String name) {
		if (properties.containsKey(name)) {
			return true;
		}
		return properties.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().path("type").asString("").startsWith("java.util.Map"))
			.anyMatch((entry) -> name.startsWith(entry.getKey() + ".") || name.startsWith(entry.getKey() + "["));
	}

	/** The table row whose first cell is the property, or null. */
	private static String rowOf(String name) {
		String firstCell = "| `" + name + "` |";
		return tableRows.stream().filter((row) -> row.startsWith(firstCell)).findFirst().orElse(null);
	}

}
