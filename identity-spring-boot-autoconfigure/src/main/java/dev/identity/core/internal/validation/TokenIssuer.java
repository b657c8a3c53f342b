package dev.identity.core.internal.validation;

import dev.identity.core.InvalidTokenException;
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
		try {
			// The verifier's own decoding: a payload it would refuse is not read here.
			byte[] payload = CompactJws.payload(token);
			if (payload == null) {
				return null;
			}
			try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), payload)) {
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
		catch (InvalidTokenException | JacksonException ex) {
			// Not a JWS the verifier could read either: it says why.
			return null;
		}
	}

}
