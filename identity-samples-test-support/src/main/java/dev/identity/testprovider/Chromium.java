package dev.identity.testprovider;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * Headless Chromium driven through chromedriver, both from the system's packages (Debian
 * {@code chromium} and {@code chromium-driver}): nothing is downloaded while the tests
 * run.
 */
public final class Chromium implements AutoCloseable {

	private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");

	private final ChromeDriver driver;

	private final Path profile;

	private Chromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * Why Chromium cannot run here, if it cannot.
	 * @return the reason, or empty when the browser and its driver are installed
	 */
	public static Optional<String> unavailable() {
		if (executable(List.of("chromedriver")).isEmpty() || executable(BROWSERS).isEmpty()) {
			return Optional.of("Chromium and chromedriver are not installed (Debian: apt-get install -y chromium "
					+ "chromium-driver, which .ci/run does); the browser test cannot run without them");
		}
		return Optional.empty();
	}

	/** Start a browser with a fresh profile. */
	public static Chromium start() {
		Path driverPath = executable(List.of("chromedriver")).orElseThrow();
		Path browserPath = executable(BROWSERS).orElseThrow();
		try {
			Path profile = Files.createTempDirectory("identity-chromium-");
			ChromeOptions options = new ChromeOptions().setBinary(browserPath.toFile())
				.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
						"--disable-background-networking", "--disable-component-update", "--disable-sync",
						"--no-first-run", "--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverPath.toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return new Chromium(driver, profile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

	private static Optional<Path> executable(List<String> names) {
		String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
		return Stream.of(path.split(File.pathSeparator))
			.flatMap((directory) -> names.stream().map((name) -> Path.of(directory, name)))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
