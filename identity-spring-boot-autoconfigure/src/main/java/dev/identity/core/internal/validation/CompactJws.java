package dev.identity.core.internal.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.util.ByteArrayBuilder;

/**
 * The JWS compact serialization (RFC 7515 §7.1): three strict, canonical base64url parts
 * separated by dots, a JSON header and a JSON payload. Turns a token string into a
 * {@link ParsedToken}, with one copy of the token as bytes serving the header cache and
 * the signing input.
 */
final class CompactJws {

	/** Tokens longer than this are refused before any decoding. */
	static final int MAXIMUM_TOKEN_LENGTH = 64 * 1024;

	/**
	 * Jackson's base64url, without padding: a plain loop over the characters. Not
	 * {@code java.util.Base64}, whose decoder the JDK replaces on CPUs with AVX-512 by
	 * vector code that slowed the RSA check following it on the same core by about 8 %
	 * (see the benchmarks module's notes).
	 */
	private static final Base64Variant BASE64URL = Base64Variants.MODIFIED_FOR_URL;

	private CompactJws() {
	}

	/**
	 * Split and decode a token and check its header.
	 * @param token the compact serialization
	 * @param header the header checks
	 * @return the parsed token, with the header checks' failures
	 * @throws InvalidTokenException ({@link TokenCheck#FORMAT}) when the token is not a
	 * JWS compact serialization of two JSON objects
	 */
	static ParsedToken parse(@Nullable String token, JwsHeaderChecks header) {
		if (token == null || token.isEmpty()) {
			throw format("token is empty");
		}
		if (token.length() > MAXIMUM_TOKEN_LENGTH) {
			throw format("token is longer than " + MAXIMUM_TOKEN_LENGTH + " characters");
		}
		int first = token.indexOf('.');
		int second = (first < 0) ? -1 : token.indexOf('.', first + 1);
		if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
			throw format("token is not a JWS compact serialization (three base64url parts separated by '.'); "
					+ "encrypted (JWE) and opaque tokens are not JWTs this client can verify locally");
		}
		// One copy of the token as bytes serves the header cache and the signing input.
		byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
		if (ascii.length != token.length()) {
			// A surrogate pair became one byte: the parts' offsets would not line up.
			throw format("token holds a character outside the unpadded base64url alphabet");
		}
		// A header read before (the same bytes) is not decoded and read again.
		JwsHeaderChecks.Header known = header.cached(ascii, first);
		byte[] headerBytes = (known == null) ? decode(token, 0, first, "header") : null;
		byte[] payloadBytes = decode(token, first + 1, second, "payload");
		byte[] signature = decode(token, second + 1, ascii.length, "signature");
		Map<String, Object> headerObject = (headerBytes != null)
				? JsonObjectReader.read(headerBytes, "header").members() : null;
		JsonObjectReader.JsonObject claims = JsonObjectReader.read(payloadBytes, "payload");
		JwsHeaderChecks.Header checked = (headerObject != null) ? header.check(ascii, first, headerObject)
				: Objects.requireNonNull(known);
		List<TokenCheckFailure> failures = checked.failures();
		if (signature.length == 0) {
			failures = new ArrayList<>(failures);
			failures.add(new TokenCheckFailure(TokenCheck.SIGNATURE, "token has an empty signature"));
		}
		return new ParsedToken(token, checked.algorithm(), checked.keyId(), checked.type(), failures, ascii, second,
				signature, claims.members(), claims.footprint());
	}

	/**
	 * The payload of a token, decoded with the same strict base64url as {@link #parse},
	 * for a reader that only looks at the claims before verifying. Only the first two
	 * dots are looked for: the rest of the token is the verifier's to refuse.
	 * @param token the compact serialization
	 * @return the payload's bytes, or {@code null} when the token has no two dots or
	 * holds a character outside the basic plane, which {@link #parse} refuses as
	 * unreadable
	 * @throws InvalidTokenException ({@link TokenCheck#FORMAT}) when the payload is not
	 * one that {@link #parse} would decode
	 */
	static byte @Nullable [] payload(String token) {
		if (token.codePointCount(0, token.length()) != token.length()) {
			// A surrogate pair anywhere: parse's one byte per character fails. Counted
			// without copying the token, at once for a string of Latin-1 characters.
			return null;
		}
		int first = token.indexOf('.');
		int second = (first < 0) ? -1 : token.indexOf('.', first + 1);
		return (second >= 0) ? decode(token, first + 1, second, "payload") : null;
	}

	/**
	 * Decode one part of a token: unpadded base64url of the alphabet only (RFC 7515 §2),
	 * with the unused low bits of the last character zero (RFC 4648 §3.5), so that one
	 * token has exactly one spelling.
	 */
	private static byte[] decode(String token, int from, int to, String part) {
		if (from == to) {
			if ("signature".equals(part)) {
				return new byte[0];
			}
			throw format("token " + part + " is empty");
		}
		int length = to - from;
		if (length % 4 == 1) {
			throw format("token " + part + " is not valid base64url (impossible length)");
		}
		// The decoder refuses every character outside the base64url alphabet, but skips
		// any character up to U+0020 (space, controls, NUL) before a group of four and at
		// the end. A token holds none: whatever it skipped leaves the decoded bytes short
		// of the length the part's characters give.
		int expected = length / 4 * 3 + Math.max(length % 4 - 1, 0);
		ByteArrayBuilder decoded = new ByteArrayBuilder(expected);
		try {
			BASE64URL.decode(token.substring(from, to), decoded);
		}
		catch (IllegalArgumentException ex) {
			throw outsideAlphabet(part);
		}
		if (decoded.size() != expected) {
			throw outsideAlphabet(part);
		}
		int last = value(token.charAt(to - 1));
		if ((length % 4 == 2 && (last & 0x0F) != 0) || (length % 4 == 3 && (last & 0x03) != 0)) {
			throw format("token " + part + " is not canonical base64url (non-zero padding bits)");
		}
		// Sized to the expected length, which it holds: one block, no copy. Parts too
		// long for one of the builder's blocks are copied out.
		byte[] segment = decoded.getCurrentSegment();
		return (segment.length == expected && decoded.getCurrentSegmentLength() == expected) ? segment
				: decoded.toByteArray();
	}

	private static InvalidTokenException outsideAlphabet(String part) {
		return format("token " + part + " holds a character outside the unpadded base64url alphabet");
	}

	private static int value(char c) {
		if (c >= 'A' && c <= 'Z') {
			return c - 'A';
		}
		if (c >= 'a' && c <= 'z') {
			return c - 'a' + 26;
		}
		if (c >= '0' && c <= '9') {
			return c - '0' + 52;
		}
		return (c == '-') ? 62 : 63;
	}

	/**
	 * A {@link TokenCheck#FORMAT} failure: the token is not a JWS of two JSON objects.
	 */
	static InvalidTokenException format(String description) {
		return InvalidTokenException.of(TokenCheck.FORMAT, description);
	}

}
