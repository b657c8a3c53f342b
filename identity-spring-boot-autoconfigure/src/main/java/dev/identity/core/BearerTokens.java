package dev.identity.core;

import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * RFC 6750 on the resource-server side: reading a bearer token from an {@code Authorization} header
 * and writing the {@code WWW-Authenticate} challenge of an error response. Shared by servlet and
 * reactive code so both answer alike.
 */
public final class BearerTokens {

	private static final String PREFIX = "bearer ";

	/** The characters of an RFC 6750 b64token before its padding, by code. */
	private static final boolean[] B64TOKEN = new boolean[128];

	static {
		for (char c = 'A'; c <= 'Z'; c++) {
			B64TOKEN[c] = true;
			B64TOKEN[Character.toLowerCase(c)] = true;
		}
		for (char c = '0'; c <= '9'; c++) {
			B64TOKEN[c] = true;
		}
		for (char c : "-._~+/".toCharArray()) {
			B64TOKEN[c] = true;
		}
	}

	private BearerTokens() {
	}

	/**
	 * Read the token of an {@code Authorization: Bearer <token>} header (RFC 6750 §2.1).
	 * @param authorization the header value, or {@code null}
	 * @return the token, or {@code null} when the header is absent or uses another scheme
	 * @throws InvalidTokenException ({@link TokenCheck#FORMAT}) when it is a Bearer header whose token
	 * is empty or not in the {@code b64token} syntax
	 */
	public static @Nullable String resolve(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return null;
		}
		// Bounds of the token without surrounding whitespace, checked in place: one copy, of the token.
		int start = PREFIX.length();
		int end = authorization.length();
		while (start < end && authorization.charAt(start) <= ' ') {
			start++;
		}
		while (end > start && authorization.charAt(end - 1) <= ' ') {
			end--;
		}
		if (start == end) {
			throw InvalidTokenException.of(TokenCheck.FORMAT, "Authorization header has the Bearer scheme but no token");
		}
		// RFC 6750 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=": '=' only at the end.
		int padding = end;
		while (padding > start && authorization.charAt(padding - 1) == '=') {
			padding--;
		}
		for (int i = start; i < padding; i++) {
			char c = authorization.charAt(i);
			if (c >= B64TOKEN.length || !B64TOKEN[c]) {
				throw InvalidTokenException.of(TokenCheck.FORMAT, "bearer token holds a character outside the "
						+ "RFC 6750 b64token syntax");
			}
		}
		return authorization.substring(start, end);
	}

	/**
	 * The {@code WWW-Authenticate} value for a 401 answer with {@code error="invalid_token"}.
	 * @param failure why the token was rejected, or {@code null} when no token was sent
	 * @param realm the realm, or {@code null}
	 * @return the header value
	 */
	public static String invalidToken(@Nullable InvalidTokenException failure, @Nullable String realm) {
		String description = (failure != null) ? failure.getFailures()
			.stream()
			.map(TokenCheckFailure::description)
			.collect(Collectors.joining("; ")) : "a bearer token is required";
		return challenge("invalid_token", description, realm, null);
	}

	/**
	 * The {@code WWW-Authenticate} value for a 403 answer with {@code error="insufficient_scope"}.
	 * @param scope the scope the request needs, or {@code null}
	 * @param realm the realm, or {@code null}
	 * @return the header value
	 */
	public static String insufficientScope(@Nullable String scope, @Nullable String realm) {
		return challenge("insufficient_scope", "the token lacks the privileges this resource needs", realm, scope);
	}

	private static String challenge(String error, String description, @Nullable String realm, @Nullable String scope) {
		StringBuilder header = new StringBuilder("Bearer");
		String separator = " ";
		if (realm != null) {
			header.append(separator).append("realm=\"").append(quotable(realm, 200)).append('"');
			separator = ", ";
		}
		header.append(separator).append("error=\"").append(error).append('"');
		header.append(", error_description=\"").append(quotable(description, 300)).append('"');
		if (scope != null) {
			header.append(", scope=\"").append(quotable(scope, 200)).append('"');
		}
		return header.toString();
	}

	/**
	 * Keep only the characters RFC 6750 §3 allows inside a quoted value (%x20-21 / %x23-5B / %x5D-7E).
	 */
	private static String quotable(String value, int limit) {
		StringBuilder result = new StringBuilder(Math.min(value.length(), limit));
		for (int i = 0; i < value.length() && result.length() < limit; i++) {
			char c = value.charAt(i);
			result.append((c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') ? c : '\'');
		}
		return result.toString();
	}

}
