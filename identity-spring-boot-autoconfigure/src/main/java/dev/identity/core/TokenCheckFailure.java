package dev.identity.core;

import java.util.Objects;

/**
 * One failed check: which rule and a description that never contains the token.
 *
 * @param check the rule that failed
 * @param description what was wrong and, where it helps, how to fix it
 */
public record TokenCheckFailure(TokenCheck check, String description) {

	public TokenCheckFailure {
		Objects.requireNonNull(check, "check");
		Objects.requireNonNull(description, "description");
	}

	@Override
	public String toString() {
		return this.check + ": " + this.description;
	}

}
