package dev.identity.web.internal;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link HandlerWiringException} at start-up: which handlers the identity
 * starter is not applied to, and how to make the web configuration apply it.
 */
public class HandlerWiringFailureAnalyzer extends AbstractFailureAnalyzer<HandlerWiringException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, HandlerWiringException cause) {
		String description = "Handlers use the identity starter, but the web configuration does not apply it to them, "
				+ "so they would run unchecked or bind the token's values from the request:\n"
				+ cause.getProblems().stream().map((problem) -> "\n    - " + problem).collect(Collectors.joining())
				+ "\n";
		return new FailureAnalysis(description, cause.getFix(), cause);
	}

}
