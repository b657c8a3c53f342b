package dev.identity.devprovider;

import java.net.URL;
import java.security.CodeSource;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.AotDetector;
import org.springframework.core.NativeDetector;

/**
 * Whether an application runs from its build ({@code spring-boot:run}, the IDE, tests) or
 * packaged ({@code java -jar}, an extracted or unpacked archive, a native image, or with
 * the artifacts of Spring's ahead-of-time processing, {@code spring.aot.enabled}). The
 * development provider starts only from a build: its demo secrets are public.
 * <p>
 * The rule is the one by which Spring Boot's devtools turn themselves off in a packaged
 * application ({@code DefaultRestartInitializer.isDevelopmentClassLoader} and
 * {@code DevToolsEnablementDeducer}): not a native image, and the application's classes
 * loaded by the JDK's application class loader (or by devtools' restart class loader,
 * which devtools only uses once that same rule passed), never by Spring Boot's launcher
 * ({@code org.springframework.boot.loader.launch.JarLauncher} loads them with its
 * {@code LaunchedClassLoader}). Unlike devtools it allows tests, and it is stricter about
 * where the classes come from: from a directory, as a build writes them
 * ({@code target/classes}), never from a jar (a plain {@code java -cp app.jar}, or the
 * extracted layout's {@code java -jar app/app.jar}) nor from the {@code BOOT-INF/classes}
 * or {@code WEB-INF/classes} of an unpacked archive.
 */
final class ApplicationLaunch {

	/** Devtools' class loader of the application's classes after a restart. */
	private static final String RESTART_CLASS_LOADER = "org.springframework.boot.devtools.restart.classloader.RestartClassLoader";

	private ApplicationLaunch() {
	}

	/**
	 * Why the application runs packaged.
	 * @param sources the application's sources, as
	 * {@code SpringApplication.getAllSources()} gives them; its classes tell where it
	 * runs from
	 * @return the reason, or {@code null} when it runs from its build
	 */
	static @Nullable String whyPackaged(Collection<?> sources) {
		if (NativeDetector.inNativeImage()) {
			return "it runs as a native image";
		}
		if (AotDetector.useGeneratedArtifacts()) {
			// Built for production, and the provider's own context has no generated
			// artifacts: in this mode Spring Boot would build it from the application's.
			return "it runs with ahead-of-time generated artifacts (" + AotDetector.AOT_ENABLED + ")";
		}
		boolean anyClass = false;
		for (Object source : sources) {
			if (source instanceof Class<?> type) {
				anyClass = true;
				CodeSource code = (type.getProtectionDomain() != null) ? type.getProtectionDomain().getCodeSource()
						: null;
				String loader = (type.getClassLoader() != null) ? type.getClassLoader().getClass().getName() : "";
				String reason = whyPackaged(type.getName(), loader, (code != null) ? code.getLocation() : null);
				if (reason != null) {
					return reason;
				}
			}
		}
		return anyClass ? null : "none of its sources is a class that tells where it runs from";
	}

	/**
	 * Why a class of the application says that it runs packaged.
	 * @param className the class
	 * @param classLoader the class name of its class loader
	 * @param location where it was loaded from, or {@code null} when unknown
	 * @return the reason, or {@code null} when the class comes from a build
	 */
	static @Nullable String whyPackaged(String className, String classLoader, @Nullable URL location) {
		if (classLoader.startsWith("org.springframework.boot.loader.")) {
			return className + " was loaded by Spring Boot's launcher (java -jar of a packaged application)";
		}
		if (!classLoader.contains("AppClassLoader") && !classLoader.equals(RESTART_CLASS_LOADER)) {
			return className + " was loaded by " + classLoader + ", not by the JDK's application class loader";
		}
		String path = (location != null && "file".equals(location.getProtocol())) ? location.getPath() : null;
		if (path == null || !path.endsWith("/")) {
			return className + " was loaded from " + ((location != null) ? location : "an unknown place")
					+ ", not from a build's class directory";
		}
		if (path.endsWith("/BOOT-INF/classes/") || path.endsWith("/WEB-INF/classes/")) {
			return className + " was loaded from the unpacked archive " + location;
		}
		// A container image often runs the application's classes from a plain directory
		// (Jib's
		// /app/classes, an extracted layered jar copied to /app): only a build's output
		// counts.
		for (String build : BUILD_OUTPUTS) {
			if (path.contains(build)) {
				return null;
			}
		}
		return className + " was loaded from " + location + ", not from a build's output directory ("
				+ String.join(", ", BUILD_OUTPUTS) + ")";
	}

	/** Class directories of Maven, Gradle, IntelliJ IDEA and Eclipse builds. */
	private static final List<String> BUILD_OUTPUTS = List.of("/target/classes/", "/target/test-classes/",
			"/build/classes/", "/build/resources/", "/out/production/", "/out/test/", "/bin/main/", "/bin/test/",
			"/bin/");

}
