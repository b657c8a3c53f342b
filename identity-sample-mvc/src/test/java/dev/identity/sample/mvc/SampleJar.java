package dev.identity.sample.mvc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repackaged sample the build made, run with {@code java -jar} as a user's shell
 * would: nothing from the build's environment ({@code IDENTITY_*}, {@code SPRING_*})
 * configures it. Its output is kept, and a verdict is reached when a given line appears
 * or the output ends, whichever comes first.
 */
final class SampleJar implements AutoCloseable {

	private static final long VERDICT_SECONDS = 120;

	private final Process process;

	private final StringBuilder log = new StringBuilder();

	private final CountDownLatch verdict = new CountDownLatch(1);

	private final CompletableFuture<Void> reader;

	private final long started = System.nanoTime();

	private SampleJar(ProcessBuilder builder, String verdictLine) throws IOException {
		this.process = builder.start();
		this.reader = CompletableFuture.runAsync(() -> read(verdictLine));
	}

	/**
	 * Start the jar and wait for a verdict.
	 * @param workingDirectory where it runs (no {@code config/} or
	 * {@code application.yml} of the build's)
	 * @param verdictLine the output that ends the wait
	 * @param jvmOptions options before {@code -jar}
	 * @param arguments the application's arguments
	 * @return the running (or ended) sample
	 * @throws Exception when it cannot start, or no verdict comes within 120 s
	 */
	static SampleJar start(Path workingDirectory, String verdictLine, List<String> jvmOptions, List<String> arguments)
			throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/identity-sample-mvc-0.1.0-SNAPSHOT.jar"))
			.toAbsolutePath();
		assertThat(jar).as("the repackaged sample").isRegularFile();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("IDENTITY_") || name.startsWith("SPRING_"));
		SampleJar sample = new SampleJar(builder, verdictLine);
		try {
			assertThat(sample.verdict.await(VERDICT_SECONDS, TimeUnit.SECONDS))
				.as("a verdict within %d s; output:%n%s", VERDICT_SECONDS, sample.output())
				.isTrue();
		}
		catch (Exception | AssertionError ex) {
			sample.close();
			throw ex;
		}
		return sample;
	}

	/** What it printed so far. */
	String output() {
		synchronized (this.log) {
			return this.log.toString();
		}
	}

	/** Milliseconds since it was started. */
	long millisSinceStart() {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.started);
	}

	/**
	 * Wait for the process to end and its output to be read to the end.
	 * @param seconds how long the process may take
	 * @return its exit status
	 */
	int exitValue(long seconds) throws InterruptedException, ExecutionException, TimeoutException {
		assertThat(this.process.waitFor(seconds, TimeUnit.SECONDS)).as("java -jar ended").isTrue();
		this.reader.get(10, TimeUnit.SECONDS);
		return this.process.exitValue();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private void read(String verdictLine) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				synchronized (this.log) {
					this.log.append(line).append(System.lineSeparator());
				}
				if (line.contains(verdictLine)) {
					this.verdict.countDown();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.verdict.countDown();
		}
	}

}
