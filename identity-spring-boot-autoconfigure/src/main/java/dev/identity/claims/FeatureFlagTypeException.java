package dev.identity.claims;

import dev.identity.core.IdentityException;

/**
 * A feature flag holds a value of another type than the one asked for. Raised instead of
 * falling back to a default, so that a flag configured with the wrong type at the
 * provider is noticed rather than silently read as off.
 * <p>
 * The message names the flag and both types, never the value.
 */
public class FeatureFlagTypeException extends IdentityException {

	private static final long serialVersionUID = 1L;

	private final String flagName;

	private final Class<?> expectedType;

	private final String actualType;

	FeatureFlagTypeException(String flagName, Class<?> expectedType, String actualType, String message) {
		super(message);
		this.flagName = flagName;
		this.expectedType = expectedType;
		this.actualType = actualType;
	}

	/** Name of the flag. */
	public String getFlagName() {
		return this.flagName;
	}

	/** Type the application asked for. */
	public Class<?> getExpectedType() {
		return this.expectedType;
	}

	/**
	 * JSON type the flag holds: {@code boolean}, {@code string}, {@code integer},
	 * {@code number}, {@code object} or {@code array}.
	 */
	public String getActualType() {
		return this.actualType;
	}

}
