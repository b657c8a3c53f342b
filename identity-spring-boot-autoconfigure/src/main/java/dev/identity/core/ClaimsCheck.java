package dev.identity.core;

import java.util.Arrays;
import java.util.List;

/**
 * The answer of a claims validator supplied by the application: valid, or the reasons it
 * is not.
 */
public final class ClaimsCheck {

	private static final ClaimsCheck VALID = new ClaimsCheck(List.of());

	private final List<String> errors;

	private ClaimsCheck(List<String> errors) {
		this.errors = errors;
	}

	/** The token's claims are acceptable. */
	public static ClaimsCheck valid() {
		return VALID;
	}

	/**
	 * The token's claims are not acceptable.
	 * @param errors what is wrong, at least one; never include the token
	 * @return the check
	 */
	public static ClaimsCheck invalid(String... errors) {
		if (errors.length == 0) {
			throw new IllegalArgumentException("an invalid check needs at least one error");
		}
		return new ClaimsCheck(List.copyOf(Arrays.asList(errors)));
	}

	/**
	 * Valid when the condition holds, otherwise invalid with the error.
	 * @param condition the condition
	 * @param error the error when it does not hold
	 * @return the check
	 */
	public static ClaimsCheck require(boolean condition, String error) {
		return condition ? VALID : invalid(error);
	}

	public boolean isValid() {
		return this.errors.isEmpty();
	}

	public List<String> getErrors() {
		return this.errors;
	}

	/**
	 * The token if valid.
	 * @param token the token that was checked
	 * @return the token
	 * @throws InvalidTokenException with one {@link TokenCheck#CUSTOM} failure per error
	 */
	public ValidatedToken orThrow(ValidatedToken token) {
		if (isValid()) {
			return token;
		}
		throw new InvalidTokenException(
				this.errors.stream().map((error) -> new TokenCheckFailure(TokenCheck.CUSTOM, error)).toList());
	}

	@Override
	public String toString() {
		return isValid() ? "ClaimsCheck[valid]" : "ClaimsCheck" + this.errors;
	}

}
