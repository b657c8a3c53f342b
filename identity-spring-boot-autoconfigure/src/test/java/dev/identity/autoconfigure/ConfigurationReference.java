package dev.identity.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/configuration.md against one module's generated configuration metadata. The
 * library and identity-dev-provider each generate metadata for their own
 * {@code identity.*} properties, documented in the same reference: each module checks the
 * rows of the properties it owns, with the same rules.
 */
public final class ConfigurationReference {

	private static final Path DOC = Path.of("..", "docs", "configuration.md");

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Pattern PROPERTY_IN_BACKTICKS = Pattern.compile("`(identity\\.[^`\\s]+)`");

	/** Metadata properties by name. */
	private final Map<String, JsonNode> properties;

	/** Table rows of the doc ("| ... |" lines). */
	private final List<String> tableRows;

	private final Predicate<String> owned;

	private ConfigurationReference(Map<String, JsonNode> properties, List<String> tableRows, Predicate<String> owned) {
		this.properties = properties;
		this.tableRows = tableRows;
		this.owned = owned;
	}

	/**
	 * Read the metadata of the module under test (its main output comes first on its test
	 * class path) and the reference.
	 * @param owned which {@code identity.*} names belong to the module
	 * @return the reference
	 * @throws IOException when the metadata or the reference cannot be read
	 */
	public static ConfigurationReference load(Predicate<String> owned) throws IOException {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		try (InputStream in = ConfigurationReference.class.getClassLoader().getResourceAsStream(METADATA)) {
			if (in == null) {
				throw new NoSuchFileException(METADATA + " on the class path");
			}
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				String name = property.get("name").asString();
				if (name.startsWith("identity.") && owned.test(name)) {
					properties.put(name, property);
				}
			}
		}
		if (!Files.isRegularFile(DOC)) {
			throw new NoSuchFileException("Configuration reference not found at " + DOC.toAbsolutePath().normalize()
					+ " (tests must run with the module directory as working directory)");
		}
		List<String> tableRows = Files.readAllLines(DOC).stream().filter((line) -> line.startsWith("|")).toList();
		return new ConfigurationReference(properties, tableRows, owned);
	}

	/**
	 * The module's {@code identity.*} properties in the metadata.
	 * @return the names
	 */
	public Set<String> properties() {
		return this.properties.keySet();
	}

	/**
	 * Properties without a table row.
	 * @return their names
	 */
	public List<String> undocumented() {
		return this.properties.keySet().stream().filter((name) -> rowOf(name) == null).toList();
	}

	/**
	 * Properties of the module named in a table row that do not exist.
	 * @return their names
	 */
	public Set<String> stale() {
		Set<String> stale = new LinkedHashSet<>();
		for (String row : this.tableRows) {
			Matcher matcher = PROPERTY_IN_BACKTICKS.matcher(row);
			while (matcher.find()) {
				String name = matcher.group(1);
				if (this.owned.test(name) && !exists(name)) {
					stale.add(name);
				}
			}
		}
		return stale;
	}

	/**
	 * Properties whose documented default (the second column of their row, every element
	 * for a list) differs from the metadata.
	 * @return their names and real defaults
	 */
	public List<String> wrongDefaults() {
		List<String> wrong = new ArrayList<>();
		this.properties.forEach((name, property) -> {
			JsonNode defaultValue = property.get("defaultValue");
			if (defaultValue == null || defaultValue.isNull()) {
				return;
			}
			String row = rowOf(name);
			if (row == null) {
				return; // reported by undocumented()
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
		return wrong;
	}

	/**
	 * Whether a documented name is a property, or a key of a map property such as
	 * {@code identity.claims.feature-flags.defaults[dark_mode]} or
	 * {@code identity.claims.feature-flags.defaults.*}.
	 */
	private boolean exists(String name) {
		if (this.properties.containsKey(name)) {
			return true;
		}
		return this.properties.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().path("type").asString("").startsWith("java.util.Map"))
			.anyMatch((entry) -> name.startsWith(entry.getKey() + ".") || name.startsWith(entry.getKey() + "["));
	}

	/** The table row whose first cell is the property, or null. */
	private @Nullable String rowOf(String name) {
		String firstCell = "| `" + name + "` |";
		return this.tableRows.stream().filter((row) -> row.startsWith(firstCell)).findFirst().orElse(null);
	}

}
