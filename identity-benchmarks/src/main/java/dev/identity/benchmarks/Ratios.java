package dev.identity.benchmarks;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JMH JSON results ({@code -rf json -rff results.json}) and prints, per benchmark
 * class (and parameter set), a Markdown table of each benchmark's score ± error, its
 * ratio to the class's {@code floor} and to its {@code nimbusJwtDecoder}, the same ratios
 * between the best iterations (the fastest of each benchmark, across forks: on a shared
 * machine, the least disturbed), and the bytes it allocates per operation when the run
 * used {@code -prof gc}.
 * <p>
 * A ratio is a speed ratio whatever the mode: above 1 is faster than the reference. Its
 * error bar combines the two relative errors in quadrature:
 * {@code δr/r = √((δa/a)² + (δb/b)²)}, the JMH errors being 99.9% confidence half-widths.
 * <pre>
 * java -cp identity-benchmarks/target/benchmarks.jar dev.identity.benchmarks.Ratios results.json
 * </pre>
 */
public final class Ratios {

	static final String FLOOR = "floor";

	static final String NIMBUS = "nimbusJwtDecoder";

	private Ratios() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err
				.println("usage: java -cp benchmarks.jar dev.identity.benchmarks.Ratios results.json [more.json ...]");
			System.exit(2);
		}
		JsonMapper mapper = JsonMapper.builder().build();
		// Markdown is UTF-8 (±, ×), whatever the platform's default charset.
		PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
		out.println(
				"Ratios are speeds relative to the reference (above 1 is faster); errors are JMH's 99.9% intervals.");
		for (String file : args) {
			JsonNode root = mapper.readTree(Path.of(file));
			if (!root.isArray()) {
				throw new IllegalArgumentException(file + " is not a JMH JSON result (an array of benchmarks)");
			}
			List<Result> results = new ArrayList<>();
			for (JsonNode entry : root) {
				results.add(Result.of(entry));
			}
			// Each file is a run of its own: its results are compared with each other
			// only.
			print(results, (args.length > 1) ? file + ": " : "", out);
		}
	}

	static void print(List<Result> results, String headingPrefix, PrintStream out) {
		Map<String, List<Result>> groups = new LinkedHashMap<>();
		for (Result result : results) {
			groups.computeIfAbsent(result.group(), (key) -> new ArrayList<>()).add(result);
		}
		for (Map.Entry<String, List<Result>> group : groups.entrySet()) {
			List<Result> members = group.getValue();
			Result floor = find(members, FLOOR);
			Result nimbus = find(members, NIMBUS);
			boolean allocation = members.stream().anyMatch((result) -> !Double.isNaN(result.allocated()));
			out.println();
			out.println("### " + headingPrefix + group.getKey());
			out.println();
			out.println("| Benchmark | Score (" + members.get(0).unit()
					+ ") | × floor | × nimbusJwtDecoder | Best iteration | "
					+ "best × floor | best × nimbusJwtDecoder |" + (allocation ? " Allocated (B/op) |" : ""));
			out.println("|---|---:|---:|---:|---:|---:|---:|" + (allocation ? "---:|" : ""));
			List<Result> ordered = new ArrayList<>();
			if (floor != null) {
				ordered.add(floor);
			}
			if (nimbus != null) {
				ordered.add(nimbus);
			}
			members.stream().filter((result) -> result != floor && result != nimbus).forEach(ordered::add);
			for (Result result : ordered) {
				out.println("| " + result.method() + " | " + withError(result.score(), result.error()) + " | "
						+ ratio(result, floor) + " | " + ratio(result, nimbus) + " | " + number(result.best()) + " | "
						+ bestRatio(result, floor) + " | " + bestRatio(result, nimbus) + " |"
						+ (allocation ? " " + bytes(result.allocated()) + " |" : ""));
			}
		}
	}

	private static Result find(List<Result> members, String method) {
		return members.stream().filter((result) -> result.method().equals(method)).findFirst().orElse(null);
	}

	/**
	 * Speed of {@code result} relative to {@code reference}, with the propagated error.
	 */
	static String ratio(Result result, Result reference) {
		if (reference == null) {
			return "–";
		}
		if (result == reference) {
			return "1";
		}
		double ratio = result.higherIsFaster() ? result.score() / reference.score()
				: reference.score() / result.score();
		double relative = Math
			.sqrt(square(result.error() / result.score()) + square(reference.error() / reference.score()));
		double error = ratio * relative;
		String text = String.format(Locale.ROOT, "%.2f", ratio);
		return (Double.isNaN(error) || Double.isInfinite(error)) ? text
				: text + " ± " + String.format(Locale.ROOT, "%.2f", error);
	}

	/**
	 * The same ratio between the best iterations of each (no error: one iteration each).
	 */
	static String bestRatio(Result result, Result reference) {
		if (reference == null) {
			return "–";
		}
		if (result == reference) {
			return "1";
		}
		double ratio = result.higherIsFaster() ? result.best() / reference.best() : reference.best() / result.best();
		return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f", ratio);
	}

	private static double square(double value) {
		return value * value;
	}

	static String withError(double value, double error) {
		if (Double.isNaN(error) || Double.isInfinite(error)) {
			return number(value);
		}
		return number(value) + " ± " + number(error, Math.abs(value));
	}

	static String number(double value) {
		return number(value, Math.abs(value));
	}

	/** A number with as many decimals as a number of the given magnitude gets. */
	private static String number(double value, double magnitude) {
		if (Double.isNaN(value)) {
			return "–";
		}
		if (magnitude >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (magnitude >= 1 || magnitude == 0) {
			return String.format(Locale.ROOT, "%.2f", value);
		}
		return String.format(Locale.ROOT, "%.3f", value);
	}

	private static String bytes(double value) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
	}

	/** One benchmark of a JMH result file. */
	record Result(String benchmarkClass, String method, String params, String mode, double score, double error,
			String unit, double allocated, double best) {

		static Result of(JsonNode entry) {
			String benchmark = entry.path("benchmark").asString();
			int lastDot = benchmark.lastIndexOf('.');
			String type = benchmark.substring(0, Math.max(lastDot, 0));
			String method = benchmark.substring(lastDot + 1);
			Map<String, String> params = new TreeMap<>();
			for (Map.Entry<String, JsonNode> param : entry.path("params").properties()) {
				params.put(param.getKey(), param.getValue().asString());
			}
			JsonNode primary = entry.path("primaryMetric");
			double allocated = Double.NaN;
			for (Map.Entry<String, JsonNode> metric : entry.path("secondaryMetrics").properties()) {
				// JMH 1.37 names it gc.alloc.rate.norm; older versions put a middle dot
				// in front.
				if (metric.getKey().replace("\u00b7", "").equals("gc.alloc.rate.norm")) {
					allocated = decimal(metric.getValue().path("score"));
				}
			}
			String mode = entry.path("mode").asString();
			// The least disturbed iteration: the fastest one, across every fork.
			double best = Double.NaN;
			for (JsonNode fork : primary.path("rawData")) {
				for (JsonNode iteration : fork) {
					double value = decimal(iteration);
					if (Double.isNaN(best) || ("thrpt".equals(mode) ? value > best : value < best)) {
						best = value;
					}
				}
			}
			return new Result(type.substring(type.lastIndexOf('.') + 1), method,
					params.isEmpty() ? "" : params.toString().replaceAll("[{}]", ""), mode,
					decimal(primary.path("score")), decimal(primary.path("scoreError")),
					primary.path("scoreUnit").asString(), allocated, best);
		}

		/**
		 * JMH writes numbers, or strings such as {@code "NaN"} when there is no error
		 * estimate.
		 */
		private static double decimal(JsonNode node) {
			if (node.isNumber()) {
				return node.doubleValue();
			}
			try {
				return Double.parseDouble(node.asString());
			}
			catch (NumberFormatException ex) {
				return Double.NaN;
			}
		}

		/** Results compared with each other: same class, same parameters, same mode. */
		String group() {
			String group = this.params.isEmpty() ? this.benchmarkClass : this.benchmarkClass + " (" + this.params + ")";
			return "thrpt".equals(this.mode) ? group : group + " [" + this.mode + "]";
		}

		/**
		 * Throughput is higher when faster; average, sample and single-shot times are
		 * lower.
		 */
		boolean higherIsFaster() {
			return "thrpt".equals(this.mode);
		}

	}

}
