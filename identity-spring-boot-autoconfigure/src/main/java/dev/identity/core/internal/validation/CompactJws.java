package dev.identity.core.internal.validation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import org.jspecify.annotations.Nullable;

/**
 * The JWS compact serialization (RFC 7515 §7.1): three strict, canonical base64url parts
 * separated by dots, a JSON header and a JSON payload. Turns a token string into a
 * {@link ParsedToken}, with one copy of the token as bytes serving the decoding and the
 * signing input.
 */
final class CompactJws {

	/** Tokens longer than this are refused before any decoding. */
	static final int MAXIMUM_TOKEN_LENGTH = 64 * 1024;

	private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

	/** The unpadded base64url alphabet (RFC 4648 §5), by byte value. */
	private static final boolean[] BASE64URL_ALPHABET = new boolean[256];

	static {
		for (char c = 'A'; c <= 'Z'; c++) {
			BASE64URL_ALPHABET[c] = true;
			BASE64URL_ALPHABET[Character.toLowerCase(c)] = true;
		}
		for (char c = '0'; c <= '9'; c++) {
			BASE64URL_ALPHABET[c] = true;
		}
		BASE64URL_ALPHABET['-'] = true;
		BASE64URL_ALPHABET['_'] = true;
	}

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
		// One copy of the token as bytes serves the base64url decoding and the signing
		// input.
		byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
		if (ascii.length != token.length()) {
			// A surrogate pair became one byte: the parts' offsets would not line up.
			throw format("token holds a character outside the unpadded base64url alphabet");
		}
		byte[] headerBytes = decode(ascii, 0, first, "header");
		byte[] payloadBytes = decode(ascii, first + 1, second, "payload");
		byte[] signature = decode(ascii, second + 1, ascii.length, "signature");
		Map<String, Object> headerObject = JsonObjectReader.read(headerBytes, "header");
		Map<String, Object> claims = JsonObjectReader.read(payloadBytes, "payload");

		List<TokenCheckFailure> failures = new ArrayList<>(2);
		JwsAlgorithm algorithm = header.algorithm(headerObject.get("alg"), failures);
		Object kid = headerObject.get("kid");
		if (kid != null && !(kid instanceof String)) {
			throw format("header parameter 'kid' is not a string");
		}
		Object typ = headerObject.get("typ");
		if (typ != null && !(typ instanceof String)) {
			throw format("header parameter 'typ' is not a string");
		}
		header.checkCritical(headerObject, failures);
		header.checkType((String) typ, failures);
		if (signature.length == 0) {
			failures.add(new TokenCheckFailure(TokenCheck.SIGNATURE, "token has an empty signature"));
		}
		return new ParsedToken(token, algorithm, (String) kid, (String) typ, failures, ascii, second, signature,
				claims);
	}

	private static byte[] decode(byte[] token, int from, int to, String part) {
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
		for (int i = from; i < to; i++) {
			if (!BASE64URL_ALPHABET[token[i] & 0xFF]) {
				throw format("token " + part + " holds a character outside the unpadded base64url alphabet");
			}
		}
		// Canonical encoding: the unused low bits of the last character must be zero (RFC
		// 4648 §3.5), so one token has exactly one spelling.
		int last = value((char) (token[to - 1] & 0xFF));
		if ((length % 4 == 2 && (last & 0x0F) != 0) || (length % 4 == 3 && (last & 0x03) != 0)) {
			throw format("token " + part + " is not canonical base64url (non-zero padding bits)");
		}
		// Decoded straight from the token's bytes: the decoder returns a buffer over an
		// array of exactly the decoded length.
		ByteBuffer decoded = BASE64URL.decode(ByteBuffer.wrap(token, from, length));
		return (decoded.hasArray() && decoded.arrayOffset() == 0 && decoded.array().length == decoded.remaining())
				? decoded.array() : copy(decoded);
	}

	private static byte[] copy(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
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
