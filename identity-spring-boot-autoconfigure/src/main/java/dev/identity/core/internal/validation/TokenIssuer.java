package dev.identity.core.internal.validation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The {@code iss} a token claims, read without verifying anything, to pick which of
 * several configured issuers verifies it. Whatever this answers, the issuer picked then
 * parses and verifies the whole token, its {@code iss} included: a token that lies here
 * fails there. Nothing is ever fetched for the answer.
 */
public final class TokenIssuer {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

	private TokenIssuer() {
	}

	/**
	 * The token's unverified {@code iss}.
	 * @param token a compact JWS, or anything else
	 * @return the first top-level {@code iss} of its payload when it is a string;
	 * {@code null} when the token is not a JWS or has none
	 */
	public static @Nullable String peek(@Nullable String token) {
		if (token == null || token.length() > CompactJws.MAXIMUM_TOKEN_LENGTH) {
			return null;
		}
		int first = token.indexOf('.');
		int second = (first < 0) ? -1 : token.indexOf('.', first + 1);
		if (second < 0) {
			return null;
		}
		byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
		if (ascii.length != token.length()) {
			// A surrogate pair became one byte: the parts' offsets would not line up. Not
			// a JWS; the verifier says why.
			return null;
		}
		try {
			ByteBuffer payload = BASE64URL.decode(ByteBuffer.wrap(ascii, first + 1, second - first - 1));
			try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), payload.array(),
					payload.arrayOffset() + payload.position(), payload.remaining())) {
				if (parser.nextToken() != JsonToken.START_OBJECT) {
					return null;
				}
				for (String name = parser.nextName(); name != null; name = parser.nextName()) {
					JsonToken value = parser.nextToken();
					if ("iss".equals(name)) {
						return (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
					}
					parser.skipChildren();
				}
				return null;
			}
		}
		catch (IllegalArgumentException | JacksonException ex) {
			// Not a JWS the verifier could read either: it says why.
			return null;
		}
	}

}
