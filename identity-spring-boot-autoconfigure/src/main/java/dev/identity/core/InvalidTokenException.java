package dev.identity.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A token was rejected. Carries every check that failed, not only the first.
 * <p>
 * Maps to an RFC 6750 {@code invalid_token} error.
 */
public class InvalidTokenException extends IdentityException {

	private static final long serialVersionUID = 1L;

	private final List<TokenCheckFailure> failures;

	public InvalidTokenException(List<TokenCheckFailure> failures) {
		super(message(failures));
		if (failures.isEmpty()) {
			throw new IllegalArgumentException("an invalid token has at least one failed check");
		}
		this.failures = List.copyOf(failures);
	}

	public static InvalidTokenException of(TokenCheck check, String description) {
		return new InvalidTokenException(List.of(new TokenCheckFailure(check, description)));
	}

	/**
	 * Every check that failed, in the order they ran.
	 * @return the failures, never empty
	 */
	public List<TokenCheckFailure> getFailures() {
		return this.failures;
	}

	/**
	 * Whether the given check is among the failures.
	 * @param check the check
	 * @return whether it failed
	 */
	public boolean hasFailed(TokenCheck check) {
		return this.failures.stream().anyMatch((failure) -> failure.check() == check);
	}

	private static String message(List<TokenCheckFailure> failures) {
		return "Token rejected: "
				+ failures.stream().map(TokenCheckFailure::toString).collect(Collectors.joining("; "));
	}

}
