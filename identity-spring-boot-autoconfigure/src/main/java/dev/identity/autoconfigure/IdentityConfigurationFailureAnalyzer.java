package dev.identity.autoconfigure;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidIdentityConfigurationException} at start-up: which property,
 * what value, what is wrong.
 */
class IdentityConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidIdentityConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidIdentityConfigurationException cause) {
		String description = "The identity client is misconfigured:\n" + cause.getProblems()
			.stream()
			.map((problem) -> "\n    Property: " + problem.property() + "\n    Value: '" + problem.value()
					+ "'\n    Reason: " + problem.reason() + "\n")
			.collect(Collectors.joining());
		String properties = cause.getProblems()
			.stream()
			.map(InvalidIdentityConfigurationException.Problem::property)
			.distinct()
			.collect(Collectors.joining(", "));
		return new FailureAnalysis(description, "Update " + properties
				+ " in your application's configuration (see the configuration reference of identity-spring-boot-starter).",
				cause);
	}

}
