package dev.identity.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Testing your application" shows the example tests of this module as they
 * are compiled and run here, from their imports on.
 */
class ReadmeExamplesTests {

	private static final Path EXAMPLES = Path.of("src/test/java/dev/identity/test/example");

	@Test
	void readmeWhenTestingSectionThenShowsTheMvcExampleAsTested() throws IOException {
		assertThat(readmeBlock(0)).isEqualTo(source("NotesControllerMvcTests.java"));
	}

	@Test
	void readmeWhenTestingSectionThenShowsTheWebFluxExampleAsTested() throws IOException {
		assertThat(readmeBlock(1)).isEqualTo(source("NotesControllerWebFluxTests.java"));
	}

	private static String source(String file) throws IOException {
		String source = Files.readString(EXAMPLES.resolve(file));
		// The source is indented by the formatter (tabs), the README by four spaces.
		return source.substring(source.indexOf("\nimport ")).strip().replace("\t", "    ");
	}

	private static String readmeBlock(int index) throws IOException {
		String readme = Files.readString(Path.of("../README.md"));
		int start = readme.indexOf("## Testing your application");
		assertThat(start).as("README section").isNotNegative();
		for (int i = 0; i <= index; i++) {
			start = readme.indexOf("```java\n", start) + "```java\n".length();
		}
		return readme.substring(start, readme.indexOf("```", start)).strip();
	}

}
