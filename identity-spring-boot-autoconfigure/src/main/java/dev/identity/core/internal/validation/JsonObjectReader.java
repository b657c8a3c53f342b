package dev.identity.core.internal.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a token's header or payload, one JSON object, in one streaming pass into the
 * types Jackson's untyped binding gives: {@code LinkedHashMap}, {@code ArrayList},
 * {@code String}, {@code Boolean}, {@code Integer} / {@code Long} / {@code BigInteger} by
 * size, {@code Double}. Duplicate members are refused (RFC 7515 §5.2, RFC 8725 §3.4);
 * nesting depth is bounded by the parser's read constraints.
 */
final class JsonObjectReader {

	/**
	 * A plain streaming factory: a parser from it costs no binding context, where one
	 * from a mapper would set up a deserialization context per token.
	 */
	private static final JsonFactory JSON = JsonFactory.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private JsonObjectReader() {
	}

	/**
	 * Read one JSON object.
	 * @param bytes the UTF-8 JSON
	 * @param part the token part it came from, for messages
	 * @return the object
	 * @throws InvalidTokenException ({@link TokenCheck#FORMAT}) when the bytes are not
	 * exactly one JSON object without duplicate members
	 */
	static Map<String, Object> read(byte[] bytes, String part) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), bytes)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw CompactJws.format("token " + part + " is not a JSON object");
			}
			Map<String, Object> object = readObject(parser);
			if (parser.nextToken() != null) {
				throw CompactJws.format("token " + part + " holds more than one JSON value");
			}
			return object;
		}
		catch (JacksonException ex) {
			String reason = (ex.getMessage() != null && ex.getMessage().startsWith("Duplicate"))
					? "has a duplicate member" : "is not a JSON object";
			throw CompactJws.format("token " + part + " " + reason);
		}
	}

	private static Map<String, Object> readObject(JsonParser parser) {
		Map<String, Object> object = new LinkedHashMap<>();
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			object.put(name, readValue(parser, parser.nextToken()));
		}
		return object;
	}

	private static @Nullable Object readValue(JsonParser parser, @Nullable JsonToken token) {
		if (token == null) {
			throw CompactJws.format("token JSON ends early");
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
				throw CompactJws.format("token JSON holds an unexpected " + token);
		}
	}

}
