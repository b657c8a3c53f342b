package dev.identity.autoconfigure;

import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The start-up report of an identity configuration failure, as Spring Boot prints it, for
 * tests outside this package.
 */
public final class FailureReports {

	private FailureReports() {
	}

	/**
	 * The report of a start-up failure.
	 * @param failure what start-up raised
	 * @return the description and the action, or {@code null} when the failure is not one
	 * the identity analyzer explains
	 */
	public static String describe(Throwable failure) {
		FailureAnalysis analysis = new IdentityConfigurationFailureAnalyzer().analyze(failure);
		return (analysis != null) ? analysis.getDescription() + "\n" + analysis.getAction() : null;
	}

}
