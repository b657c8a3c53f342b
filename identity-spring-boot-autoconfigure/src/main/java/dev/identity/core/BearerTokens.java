package dev.identity.core;

import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * RFC 6750 on the resource-server side: reading a bearer token from an
 * {@code Authorization} header and writing the {@code WWW-Authenticate} challenge of an
 * error response. Shared by servlet and reactive code so both answer alike.
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
	 * @throws InvalidTokenException ({@link TokenCheck#FORMAT}) when it is a Bearer
	 * header whose token is empty or not in the {@code b64token} syntax
	 */
	public static @Nullable String resolve(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return null;
		}
		// Bounds of the token without surrounding whitespace, checked in place: one copy,
		// of the token.
		int start = PREFIX.length();
		int end = authorization.length();
		while (start < end && authorization.charAt(start) <= ' ') {
			start++;
		}
		while (end > start && authorization.charAt(end - 1) <= ' ') {
			end--;
		}
		if (start == end) {
			throw InvalidTokenException.of(TokenCheck.FORMAT,
					"Authorization header has the Bearer scheme but no token");
		}
		// RFC 6750 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" )
		// *"=": '=' only at the end.
		int padding = end;
		while (padding > start && authorization.charAt(padding - 1) == '=') {
			padding--;
		}
		for (int i = start; i < padding; i++) {
			char c = authorization.charAt(i);
			if (c >= B64TOKEN.length || !B64TOKEN[c]) {
				throw InvalidTokenException.of(TokenCheck.FORMAT,
						"bearer token holds a character outside the " + "RFC 6750 b64token syntax");
			}
		}
		return authorization.substring(start, end);
	}

	/**
	 * The {@code WWW-Authenticate} value for a 401 answer with
	 * {@code error="invalid_token"}. Its description is
	 * {@link #describe(InvalidTokenException)}'s: which kinds of check failed, never the
	 * token nor the configuration it was checked against.
	 * @param failure why the token was rejected, or {@code null} when no token was sent
	 * @param realm the realm, or {@code null}
	 * @return the header value
	 */
	public static String invalidToken(@Nullable InvalidTokenException failure, @Nullable String realm) {
		return challenge("invalid_token", describe(failure), realm, null);
	}

	/**
	 * The {@code WWW-Authenticate} value for a 403 answer with
	 * {@code error="insufficient_scope"}.
	 * @param scope the scope the request needs, or {@code null}
	 * @param realm the realm, or {@code null}
	 * @return the header value
	 */
	public static String insufficientScope(@Nullable String scope, @Nullable String realm) {
		return insufficientScope(scope, realm, "the token lacks the privileges this resource needs");
	}

	/**
	 * The {@code WWW-Authenticate} value for a 403 answer with
	 * {@code error="insufficient_scope"}.
	 * @param scope the scope the request needs, or {@code null}
	 * @param realm the realm, or {@code null}
	 * @param description what the token lacks, for the client: a kind of privilege, not a
	 * setting
	 * @return the header value
	 */
	public static String insufficientScope(@Nullable String scope, @Nullable String realm, String description) {
		return challenge("insufficient_scope", description, realm, scope);
	}

	/**
	 * What a client is told of a rejected token (RFC 6750 {@code error_description}): the
	 * kinds of check that failed, such as {@code "the token has expired"}. Unlike the
	 * exception's message, it never holds a configured value (issuer, audiences,
	 * algorithms, property names) nor a value from the token: those belong in the
	 * server's log.
	 * @param failure why the token was rejected, or {@code null} when no token was sent
	 * @return the description
	 */
	public static String describe(@Nullable InvalidTokenException failure) {
		if (failure == null) {
			return "a bearer token is required";
		}
		return failure.getFailures()
			.stream()
			.map((check) -> describe(check.check()))
			.distinct()
			.collect(Collectors.joining("; "));
	}

	private static String describe(TokenCheck check) {
		return switch (check) {
			case FORMAT -> "the token's format is invalid";
			case ALGORITHM -> "the token's signing algorithm is not accepted";
			case CRITICAL_HEADER -> "the token has a critical header that is not supported";
			case TYPE -> "the token's type is not accepted";
			case KEY -> "no signing key of the provider fits the token";
			case SIGNATURE -> "the token's signature is invalid";
			case ISSUER -> "the token's issuer is not accepted";
			case AUDIENCE -> "the token's audience is not accepted";
			case EXPIRY -> "the token has expired or has no expiry";
			case NOT_BEFORE -> "the token is not valid yet";
			case ISSUED_AT -> "the token's issue time is in the future";
			case REQUIRED_CLAIM -> "the token lacks a required claim";
			case CLAIM_TYPE -> "a claim of the token has the wrong type";
			case CUSTOM -> "the token is refused by the application's claims rules";
			case INTROSPECTION -> "the token is not active";
			case NONCE -> "the ID token's nonce does not match the login";
			case AUTHORIZED_PARTY -> "the ID token's authorized party is not this client";
			case ACCESS_TOKEN_HASH -> "the ID token's access token hash does not match";
			case AUTHENTICATION_TIME -> "the user's authentication is too old";
			// A check added later is still named by kind, never by its detailed
			// description.
			default -> "the token failed the " + check.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " check";
		};
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
	 * Keep only the characters RFC 6750 §3 allows inside a quoted value (%x20-21 /
	 * %x23-5B / %x5D-7E).
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
