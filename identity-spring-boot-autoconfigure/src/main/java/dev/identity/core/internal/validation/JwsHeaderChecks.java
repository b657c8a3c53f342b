package dev.identity.core.internal.validation;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.identity.core.JwsAlgorithm;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.core.ValidationPolicy;
import dev.identity.core.internal.LogSafeText;
import org.jspecify.annotations.Nullable;

/**
 * The JOSE header rules of a policy, checked when a token is parsed so that a token
 * refused by its header costs no key lookup: the {@code alg} allow-list (RFC 8725 §3.1),
 * {@code crit} (RFC 7515 §4.1.11) and the required {@code typ} (RFC 8725 §3.11).
 */
final class JwsHeaderChecks {

	private final ValidationPolicy policy;

	JwsHeaderChecks(ValidationPolicy policy) {
		this.policy = policy;
	}

	/**
	 * The token's algorithm, when the policy accepts it.
	 * @param value the {@code alg} header's value
	 * @param failures where a refusal is added
	 * @return the algorithm, or {@code null} when refused
	 */
	@Nullable JwsAlgorithm algorithm(@Nullable Object value, List<TokenCheckFailure> failures) {
		if (!(value instanceof String name)) {
			failures.add(new TokenCheckFailure(TokenCheck.ALGORITHM,
					(value == null) ? "header has no 'alg'" : "header parameter 'alg' is not a string"));
			return null;
		}
		JwsAlgorithm algorithm = JwsAlgorithm.fromHeader(name);
		if (algorithm == null) {
			String lower = name.toLowerCase(Locale.ROOT);
			String why = (lower.equals("none") || lower.startsWith("hs")) ? " is never accepted (unsigned or symmetric)"
					: " is not a supported signature algorithm";
			failures.add(new TokenCheckFailure(TokenCheck.ALGORITHM, "alg '" + LogSafeText.of(name) + "'" + why));
			return null;
		}
		if (!this.policy.getAlgorithms().contains(algorithm)) {
			failures.add(new TokenCheckFailure(TokenCheck.ALGORITHM, "alg " + algorithm + " is not accepted; accepted: "
					+ this.policy.getAlgorithms() + " (set identity.algorithms if the provider really signs with it)"));
			return null;
		}
		return algorithm;
	}

	void checkCritical(Map<String, Object> header, List<TokenCheckFailure> failures) {
		if (!header.containsKey("crit")) {
			return;
		}
		Object crit = header.get("crit");
		if (!(crit instanceof Collection<?> names) || names.isEmpty()) {
			failures.add(new TokenCheckFailure(TokenCheck.CRITICAL_HEADER, "'crit' must be a non-empty array"));
			return;
		}
		// No JWS extension is supported, so every critical name is unknown (RFC 7515
		// §4.1.11).
		for (Object name : names) {
			failures.add(new TokenCheckFailure(TokenCheck.CRITICAL_HEADER,
					"critical header extension '" + LogSafeText.of(String.valueOf(name)) + "' is not understood"));
		}
	}

	void checkType(@Nullable String typ, List<TokenCheckFailure> failures) {
		String required = this.policy.getRequiredType();
		if (required == null) {
			return;
		}
		if (typ == null) {
			failures.add(new TokenCheckFailure(TokenCheck.TYPE, "header has no 'typ'; required: " + required));
			return;
		}
		String actual = typ.toLowerCase(Locale.ROOT);
		if (actual.startsWith("application/")) {
			actual = actual.substring("application/".length());
		}
		String expected = required.startsWith("application/") ? required.substring("application/".length()) : required;
		if (!actual.equals(expected)) {
			failures.add(new TokenCheckFailure(TokenCheck.TYPE,
					"typ '" + LogSafeText.of(typ) + "' is not the required '" + required + "'"));
		}
	}

}
