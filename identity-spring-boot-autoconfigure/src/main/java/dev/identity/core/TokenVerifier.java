package dev.identity.core;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Verifies JWS compact tokens against a {@link ValidationPolicy}. No I/O and no clock:
 * keys and {@code now} are arguments. Every JOSE and JWT rule of this client lives here,
 * once.
 * <p>
 * Decoding uses {@link Base64} (strict, canonical base64url) and Jackson with
 * duplicate-member detection; signatures use a JCA {@link Signature} on a key converted
 * once by Nimbus.
 */
public final class TokenVerifier {

	/** Tokens longer than this are refused before any decoding. */
	public static final int MAXIMUM_TOKEN_LENGTH = 64 * 1024;

	/**
	 * A plain streaming factory: a parser from it costs no binding context, where one
	 * from a mapper would set up a deserialization context per token.
	 */
	private static final JsonFactory JSON = JsonFactory.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

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

	private final ValidationPolicy policy;

	public TokenVerifier(ValidationPolicy policy) {
		this.policy = policy;
	}

	public ValidationPolicy getPolicy() {
		return this.policy;
	}

	/**
	 * Split and decode a token and check its header.
	 * @param token the compact serialization
	 * @return the parsed token; header failures are recorded, not thrown, so the claims
	 * checks can still be reported with them
	 * @throws InvalidTokenException ({@link TokenCheck#FORMAT}) when the token is not a
	 * JWS compact serialization of two JSON objects
	 */
	public ParsedToken parse(@Nullable String token) {
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
		Map<String, Object> header = json(headerBytes, "header");
		Map<String, Object> claims = json(payloadBytes, "payload");

		List<TokenCheckFailure> failures = new ArrayList<>(2);
		JwsAlgorithm algorithm = algorithm(header.get("alg"), failures);
		Object kid = header.get("kid");
		if (kid != null && !(kid instanceof String)) {
			throw format("header parameter 'kid' is not a string");
		}
		Object typ = header.get("typ");
		if (typ != null && !(typ instanceof String)) {
			throw format("header parameter 'typ' is not a string");
		}
		checkCritical(header, failures);
		checkType((String) typ, failures);
		if (signature.length == 0) {
			failures.add(new TokenCheckFailure(TokenCheck.SIGNATURE, "token has an empty signature"));
		}
		return new ParsedToken(token, algorithm, (String) kid, (String) typ, failures, ascii, second, signature,
				claims);
	}

	/**
	 * Pick the key for a token from a key set.
	 * @param token the parsed token
	 * @param keys the key set
	 * @return the key, or {@code null} when the set has no key for the token's
	 * {@code kid} (the caller may refresh the set and try again)
	 * @throws InvalidTokenException when the token has no {@code kid} and the set holds
	 * more than one key for its algorithm
	 */
	public @Nullable VerificationKey selectKey(ParsedToken token, KeySet keys) {
		if (token.keyId != null) {
			return keys.get(token.keyId);
		}
		if (token.algorithm == null) {
			return null;
		}
		List<VerificationKey> candidates = keys.fitting(token.algorithm);
		if (candidates.size() > 1) {
			throw failed(
					token, new TokenCheckFailure(TokenCheck.KEY, "token has no kid and the JWK set holds "
							+ candidates.size() + " keys for " + token.algorithm + "; the provider must send a kid"),
					null);
		}
		return candidates.isEmpty() ? null : candidates.get(0);
	}

	/**
	 * Verify signature and claims.
	 * @param token the parsed token
	 * @param key the key chosen by {@link #selectKey}
	 * @param now the current time
	 * @return the validated token
	 * @throws InvalidTokenException listing every failed check
	 */
	public ValidatedToken verify(ParsedToken token, VerificationKey key, Instant now) {
		List<TokenCheckFailure> failures = new ArrayList<>(token.headerFailures);
		if (token.algorithm != null && token.headerFailures.isEmpty()) {
			List<String> misfits = key.misfits(token.algorithm);
			if (!misfits.isEmpty()) {
				failures.add(new TokenCheckFailure(TokenCheck.KEY, String.join("; ", misfits)));
			}
			else {
				verifySignature(token, key, failures);
			}
		}
		Instant expiresAt = checkClaims(token, now, failures);
		if (!failures.isEmpty()) {
			throw new InvalidTokenException(failures);
		}
		// The claims were parsed from this token and are held by nothing else.
		return new ValidatedToken(token.tokenValue, token.algorithm, token.keyId, token.type, token.claims, expiresAt,
				true);
	}

	/**
	 * Whether a token that {@link #verify} accepted earlier may still be accepted without
	 * verifying it again: its validity window holds at {@code now}, with the same clock
	 * skew, and the key that verified it is still the one the key set offers for it, and
	 * still fit for the token's algorithm.
	 * @param token the token accepted earlier
	 * @param notBefore its {@code nbf}, or {@code null}
	 * @param verifiedWith the public key its signature was verified with
	 * @param keys the current key set
	 * @param now the current time
	 * @return whether the earlier verdict still holds
	 */
	public boolean stillValid(ValidatedToken token, @Nullable Instant notBefore, PublicKey verifiedWith, KeySet keys,
			Instant now) {
		long skew = this.policy.getClockSkew().getSeconds();
		if (expired(token.getExpiresAt(), now, skew) || (notBefore != null && notYetValid(notBefore, now, skew))) {
			return false;
		}
		VerificationKey current;
		if (token.getKeyId() != null) {
			current = keys.get(token.getKeyId());
		}
		else {
			List<VerificationKey> candidates = (token.getAlgorithm() != null) ? keys.fitting(token.getAlgorithm())
					: List.of();
			current = (candidates.size() == 1) ? candidates.get(0) : null;
		}
		// The same key, and still allowed for the token's algorithm (use, alg, key_ops
		// may have changed).
		return current != null && token.getAlgorithm() != null && current.getPublicKey().equals(verifiedWith)
				&& current.misfits(token.getAlgorithm()).isEmpty();
	}

	private static boolean expired(Instant expiresAt, Instant now, long skew) {
		return !now.isBefore(expiresAt.plusSeconds(skew));
	}

	private static boolean notYetValid(Instant notBefore, Instant now, long skew) {
		return now.plusSeconds(skew).isBefore(notBefore);
	}

	/**
	 * Reject a token that cannot be verified, reporting the given reason with every other
	 * failed check.
	 * @param token the parsed token
	 * @param reason why no key verified it, or {@code null} when the header checks
	 * already failed
	 * @param now the current time
	 * @return never returns normally
	 */
	public InvalidTokenException reject(ParsedToken token, @Nullable TokenCheckFailure reason, Instant now) {
		return failed(token, reason, now);
	}

	private InvalidTokenException failed(ParsedToken token, @Nullable TokenCheckFailure reason, @Nullable Instant now) {
		List<TokenCheckFailure> failures = new ArrayList<>(token.headerFailures);
		if (reason != null) {
			failures.add(reason);
		}
		if (now != null) {
			checkClaims(token, now, failures);
		}
		if (failures.isEmpty()) {
			failures.add(new TokenCheckFailure(TokenCheck.KEY, "no key verified the token"));
		}
		return new InvalidTokenException(failures);
	}

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
			failures.add(new TokenCheckFailure(TokenCheck.ALGORITHM, "alg '" + printable(name) + "'" + why));
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
					"critical header extension '" + printable(String.valueOf(name)) + "' is not understood"));
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
					"typ '" + printable(typ) + "' is not the required '" + required + "'"));
		}
	}

	private void verifySignature(ParsedToken token, VerificationKey key, List<TokenCheckFailure> failures) {
		JwsAlgorithm algorithm = token.algorithm;
		byte[] signature = token.signature;
		if (signature.length != key.signatureLength()) {
			failures.add(new TokenCheckFailure(TokenCheck.SIGNATURE, "signature is " + signature.length + " bytes; "
					+ algorithm + " with this key makes " + key.signatureLength()));
			return;
		}
		try {
			if (algorithm.family() == JwsAlgorithm.KeyFamily.EC) {
				// r and s must lie in [1, n-1]: some Java 17 updates accepted r = s = 0
				// for any message
				// (CVE-2022-21449).
				ECDSA.ensureLegalSignature(signature, com.nimbusds.jose.JWSAlgorithm.parse(algorithm.name()));
				signature = ECDSA.transcodeSignatureToDER(signature);
			}
			Signature verifier = Signature.getInstance(algorithm.jcaName());
			if (algorithm.parameters() != null) {
				verifier.setParameter(algorithm.parameters());
			}
			verifier.initVerify(key.getPublicKey());
			verifier.update(token.ascii, 0, token.signingInputLength);
			if (!verifier.verify(signature)) {
				failures.add(new TokenCheckFailure(TokenCheck.SIGNATURE,
						"signature does not verify with key " + describe(key)));
			}
		}
		catch (GeneralSecurityException | JOSEException ex) {
			failures.add(new TokenCheckFailure(TokenCheck.SIGNATURE, "signature could not be verified with key "
					+ describe(key) + ": " + ex.getClass().getSimpleName()));
		}
	}

	private Instant checkClaims(ParsedToken token, Instant now, List<TokenCheckFailure> failures) {
		Map<String, Object> claims = token.claims;
		long skew = this.policy.getClockSkew().getSeconds();
		if (!this.policy.isIdTokensAccepted()) {
			String notAnAccessToken = TokenKind.notAnAccessToken(token.type, claims);
			if (notAnAccessToken != null) {
				failures.add(new TokenCheckFailure(TokenCheck.TYPE, notAnAccessToken));
			}
		}
		Object iss = claims.get("iss");
		if (iss == null) {
			failures.add(new TokenCheckFailure(TokenCheck.ISSUER, "token has no 'iss'"));
		}
		else if (!(iss instanceof String)) {
			failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'iss' is not a string"));
		}
		else if (!iss.equals(this.policy.getIssuer())) {
			failures.add(new TokenCheckFailure(TokenCheck.ISSUER, "iss '" + printable((String) iss)
					+ "' is not the configured issuer '" + this.policy.getIssuer() + "'"));
		}
		checkAudience(claims.get("aud"), failures);
		Instant expiresAt = Instant.EPOCH;
		Object exp = claims.get("exp");
		if (exp == null) {
			failures.add(new TokenCheckFailure(TokenCheck.EXPIRY, "token has no 'exp'"));
		}
		else if (!(exp instanceof Number)) {
			failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'exp' is not a number"));
		}
		else {
			expiresAt = instant(exp);
			if (expired(expiresAt, now, skew)) {
				failures.add(new TokenCheckFailure(TokenCheck.EXPIRY,
						"token expired at " + expiresAt + " (now " + now + ", clock skew " + skew + "s)"));
			}
		}
		Object nbf = claims.get("nbf");
		if (nbf != null) {
			if (!(nbf instanceof Number)) {
				failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'nbf' is not a number"));
			}
			else if (notYetValid(instant(nbf), now, skew)) {
				failures.add(new TokenCheckFailure(TokenCheck.NOT_BEFORE,
						"token is not valid before " + instant(nbf) + " (now " + now + ", clock skew " + skew + "s)"));
			}
		}
		Object iat = claims.get("iat");
		if (iat != null) {
			if (!(iat instanceof Number)) {
				failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'iat' is not a number"));
			}
			else if (instant(iat).isAfter(now.plusSeconds(skew))) {
				failures.add(new TokenCheckFailure(TokenCheck.ISSUED_AT, "token was issued in the future at "
						+ instant(iat) + " (now " + now + ", clock skew " + skew + "s)"));
			}
		}
		Object sub = claims.get("sub");
		if (sub != null && !(sub instanceof String)) {
			failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'sub' is not a string"));
		}
		for (String name : this.policy.getRequiredClaims()) {
			if (claims.get(name) == null) {
				failures.add(new TokenCheckFailure(TokenCheck.REQUIRED_CLAIM,
						"required claim '" + name + "' is " + (claims.containsKey(name) ? "null" : "missing")));
			}
		}
		return expiresAt;
	}

	private void checkAudience(@Nullable Object aud, List<TokenCheckFailure> failures) {
		List<String> audiences;
		if (aud == null) {
			audiences = List.of();
		}
		else if (aud instanceof String text) {
			audiences = List.of(text);
		}
		else if (aud instanceof Collection<?> values && values.stream().allMatch(String.class::isInstance)) {
			audiences = values.stream().map(String.class::cast).toList();
		}
		else {
			failures
				.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'aud' is neither a string nor an array of strings"));
			return;
		}
		if (this.policy.getAudiences().isEmpty()) {
			return;
		}
		for (String audience : audiences) {
			if (this.policy.getAudiences().contains(audience)) {
				return;
			}
		}
		failures.add(new TokenCheckFailure(TokenCheck.AUDIENCE,
				(audiences.isEmpty() ? "token has no 'aud'"
						: "aud " + audiences.stream().map(TokenVerifier::printable).toList())
						+ " holds none of the configured audiences " + this.policy.getAudiences()));
	}

	/**
	 * Largest NumericDate magnitude taken literally (about 31 million years); beyond it a
	 * date is clamped, so that adding the clock skew can never overflow.
	 */
	private static final long NUMERIC_DATE_LIMIT = 1_000_000_000_000_000L;

	static @Nullable Instant instant(@Nullable Object value) {
		if (!(value instanceof Number number)) {
			return null;
		}
		long seconds;
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			seconds = number.longValue();
		}
		else if ((value instanceof Double || value instanceof Float) && !Double.isFinite(number.doubleValue())) {
			// JSON like 1e400 parses to infinity; clamp it like any other out-of-range
			// date.
			if (Double.isNaN(number.doubleValue())) {
				return null;
			}
			seconds = (number.doubleValue() > 0) ? NUMERIC_DATE_LIMIT : -NUMERIC_DATE_LIMIT;
		}
		else {
			BigDecimal decimal = new BigDecimal(number.toString());
			if (decimal.abs().compareTo(BigDecimal.valueOf(NUMERIC_DATE_LIMIT)) > 0) {
				seconds = (decimal.signum() > 0) ? NUMERIC_DATE_LIMIT : -NUMERIC_DATE_LIMIT;
			}
			else {
				seconds = decimal.longValue();
			}
		}
		return Instant.ofEpochSecond(Math.max(-NUMERIC_DATE_LIMIT, Math.min(NUMERIC_DATE_LIMIT, seconds)));
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
		// 4648 §3.5),
		// so one token has exactly one spelling.
		int last = value((char) (token[to - 1] & 0xFF));
		if ((length % 4 == 2 && (last & 0x0F) != 0) || (length % 4 == 3 && (last & 0x03) != 0)) {
			throw format("token " + part + " is not canonical base64url (non-zero padding bits)");
		}
		// Decoded straight from the token's bytes: the decoder returns a buffer over an
		// array of exactly
		// the decoded length.
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

	private static Map<String, Object> json(byte[] bytes, String part) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), bytes)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw format("token " + part + " is not a JSON object");
			}
			Map<String, Object> object = readObject(parser);
			if (parser.nextToken() != null) {
				throw format("token " + part + " holds more than one JSON value");
			}
			return object;
		}
		catch (JacksonException ex) {
			String reason = (ex.getMessage() != null && ex.getMessage().startsWith("Duplicate"))
					? "has a duplicate member" : "is not a JSON object";
			throw format("token " + part + " " + reason);
		}
	}

	/**
	 * The object the parser is at, read in one streaming pass into the types Jackson's
	 * untyped binding gives: {@code LinkedHashMap}, {@code ArrayList}, {@code String},
	 * {@code Boolean}, {@code Integer} / {@code Long} / {@code BigInteger} by size,
	 * {@code Double}. Duplicate members are refused by the parser; nesting depth is
	 * bounded by its read constraints.
	 */
	private static Map<String, Object> readObject(JsonParser parser) {
		Map<String, Object> object = new LinkedHashMap<>();
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			object.put(name, readValue(parser, parser.nextToken()));
		}
		return object;
	}

	private static @Nullable Object readValue(JsonParser parser, @Nullable JsonToken token) {
		if (token == null) {
			throw format("token JSON ends early");
		}
		switch (token) {
			case VALUE_STRING:
				return parser.getString();
			case VALUE_NUMBER_INT:
				return parser.getNumberValue();
			case VALUE_NUMBER_FLOAT:
				return parser.getDoubleValue();
			case VALUE_TRUE:
				return Boolean.TRUE;
			case VALUE_FALSE:
				return Boolean.FALSE;
			case VALUE_NULL:
				return null;
			case START_OBJECT:
				return readObject(parser);
			case START_ARRAY:
				List<Object> array = new ArrayList<>();
				for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
					array.add(readValue(parser, next));
				}
				return array;
			default:
				throw format("token JSON holds an unexpected " + token);
		}
	}

	private static String describe(VerificationKey key) {
		return (key.getKeyId() != null) ? "'" + key.getKeyId() + "'" : "(no kid)";
	}

	/** Bound and clean a value from a token before it enters a message. */
	static String printable(String value) {
		return printable(value, 64);
	}

	/**
	 * Bound and clean a value that came from outside (a token, a provider's document)
	 * before it enters a message or a log line: control characters become {@code ?}, and
	 * it is cut after a limit.
	 * @param value the value
	 * @param limit how many characters to keep
	 * @return the printable value, with {@code ...} when it was cut
	 */
	public static String printable(String value, int limit) {
		int end = Math.min(value.length(), limit);
		if (end < value.length() && end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
			end--;
		}
		StringBuilder result = new StringBuilder(end + 3);
		for (int i = 0; i < end; i++) {
			char c = value.charAt(i);
			result.append(unprintable(c) ? '?' : c);
		}
		if (end < value.length()) {
			result.append("...");
		}
		return result.toString();
	}

	/**
	 * Control characters (C0, DEL, C1 with NEL), the Unicode line and paragraph
	 * separators, and the bidirectional overrides and isolates, which can fake or reorder
	 * a log line.
	 */
	private static boolean unprintable(char c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
				|| (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
	}

	private static InvalidTokenException format(String description) {
		return InvalidTokenException.of(TokenCheck.FORMAT, description);
	}

}
