package dev.identity.autoconfigure;

import java.util.List;

import dev.identity.core.IdentityException;

/**
 * The {@code identity.*} properties are invalid. Thrown at start-up; each problem names
 * the property to fix.
 */
public class InvalidIdentityConfigurationException extends IdentityException {

	private static final long serialVersionUID = 1L;

	private final List<Problem> problems;

	public InvalidIdentityConfigurationException(List<Problem> problems) {
		super("Invalid identity configuration: "
				+ String.join("; ", problems.stream().map(Problem::toString).toList()));
		this.problems = List.copyOf(problems);
	}

	public List<Problem> getProblems() {
		return this.problems;
	}

	/**
	 * One invalid property.
	 *
	 * @param property the property name, e.g. {@code identity.issuer-uri}
	 * @param value the configured value as text (never a secret)
	 * @param reason what is wrong
	 */
	public record Problem(String property, String value, String reason) {

		@Override
		public String toString() {
			return this.property + " = '" + this.value + "': " + this.reason;
		}

	}

}
