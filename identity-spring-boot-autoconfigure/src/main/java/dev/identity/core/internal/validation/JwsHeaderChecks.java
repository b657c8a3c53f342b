package dev.identity.core.internal.validation;

import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>
 * The tokens of one provider signed with one key share one header, byte for byte, so the
 * last header read is kept with its verdict: a token whose encoded header is the same
 * bytes reuses it instead of decoding and reading the header again. The verdict is a
 * function of those bytes and the policy alone, and is immutable.
 */
final class JwsHeaderChecks {

	private final ValidationPolicy policy;

	/** The last header read, or {@code null}. */
	private volatile @Nullable Header last;

	JwsHeaderChecks(ValidationPolicy policy) {
		this.policy = policy;
	}

	/**
	 * The verdict on a header read before, when the token's encoded header is the same
	 * bytes.
	 * @param token the token's characters as bytes
	 * @param length the length of its encoded header
	 * @return the verdict, or {@code null}
	 */
	@Nullable Header cached(byte[] token, int length) {
		Header header = this.last;
		return (header != null && Arrays.equals(header.encoded, 0, header.encoded.length, token, 0, length)) ? header
				: null;
	}

	/**
	 * Read a header's parameters and check them.
	 * @param token the token's characters as bytes
	 * @param length the length of its encoded header
	 * @param header the header as read from JSON
	 * @return the verdict, also kept for the next token with the same encoded header
	 * @throws InvalidTokenException ({@link TokenCheck#FORMAT}) when {@code kid} or
	 * {@code typ} is not a string
	 */
	Header check(byte[] token, int length, Map<String, Object> header) {
		List<TokenCheckFailure> failures = new ArrayList<>(2);
		JwsAlgorithm algorithm = algorithm(header.get("alg"), failures);
		Object kid = header.get("kid");
		if (kid != null && !(kid instanceof String)) {
			throw CompactJws.format("header parameter 'kid' is not a string");
		}
		Object typ = header.get("typ");
		if (typ != null && !(typ instanceof String)) {
			throw CompactJws.format("header parameter 'typ' is not a string");
		}
		checkCritical(header, failures);
		checkType((String) typ, failures);
		Header checked = new Header(Arrays.copyOf(token, length), algorithm, (String) kid, (String) typ,
				List.copyOf(failures));
		this.last = checked;
		return checked;
	}

	/**
	 * The token's algorithm, when the policy accepts it.
	 * @param value the {@code alg} header's value
	 * @param failures where a refusal is added
	 * @return the algorithm, or {@code null} when refused
	 */
	private @Nullable JwsAlgorithm algorithm(@Nullable Object value, List<TokenCheckFailure> failures) {
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

	private void checkCritical(Map<String, Object> header, List<TokenCheckFailure> failures) {
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

	private void checkType(@Nullable String typ, List<TokenCheckFailure> failures) {
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

	/**
	 * A header's parameters and the failures of its checks.
	 *
	 * @param encoded the header as the token spells it, base64url
	 * @param algorithm its accepted {@code alg}, or {@code null} when refused
	 * @param keyId its {@code kid}
	 * @param type its {@code typ}
	 * @param failures the checks it failed, immutable
	 */
	record Header(byte[] encoded, @Nullable JwsAlgorithm algorithm, @Nullable String keyId, @Nullable String type,
			List<TokenCheckFailure> failures) {
	}

}
