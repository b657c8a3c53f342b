package dev.identity.web.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The controller of the README's quick start, and the check that the README still shows
 * it.
 */
public final class QuickStart {

	/** The quick start's controller, as a user copies it. */
	public static final Class<?> CONTROLLER = MeController.class;

	private static final Path SOURCE = Path.of("src/test/java/dev/identity/web/quickstart/MeController.java");

	private static final Path README = Path.of("../README.md");

	private QuickStart() {
	}

	/** The controller's source from {@code @RestController} on. */
	public static String testedCode() throws IOException {
		String source = Files.readString(SOURCE);
		// The source is indented by the formatter (tabs), the README by four spaces.
		return source.substring(source.indexOf("\n@RestController")).strip().replace("\t", "    ");
	}

	/** The first Java block of the README's "Quick start" section. */
	public static String readmeCode() throws IOException {
		String readme = Files.readString(README);
		int section = readme.indexOf("## Quick start");
		int start = readme.indexOf("```java\n", section) + "```java\n".length();
		return readme.substring(start, readme.indexOf("```", start)).strip();
	}

}
