package dev.identity.web.internal;

import java.util.List;

import dev.identity.core.IdentityException;

/**
 * Handlers use the identity starter, but the application's web configuration does not
 * apply it to them: its argument resolvers or its requirement check are missing or come
 * after others. Thrown at start-up, with what is missing and how to fix it.
 */
public class HandlerWiringException extends IdentityException {

	private static final long serialVersionUID = 1L;

	private final List<String> problems;

	private final String fix;

	/**
	 * Create the exception.
	 * @param problems what is missing, one entry per parameter or handler mapping
	 * @param fix how to fix the configuration
	 */
	public HandlerWiringException(List<String> problems, String fix) {
		super("The identity starter is not applied to handlers that use it: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
		this.fix = fix;
	}

	/** What is missing, one entry per parameter or handler mapping. */
	public List<String> getProblems() {
		return this.problems;
	}

	/** How to fix the configuration. */
	public String getFix() {
		return this.fix;
	}

}
