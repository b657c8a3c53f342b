package dev.identity.core.internal.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.identity.core.internal.HeapLayout;
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
 * size, {@code Double}. Nested objects and arrays are read-only as read; the outer map is
 * left to its owner to wrap. Duplicate members are refused (RFC 7515 §5.2, RFC 8725
 * §3.4), at every depth: a member whose name the map already holds does not grow it.
 * Nesting depth is bounded by the parser's read constraints.
 * <p>
 * While it reads, it counts the heap what it builds takes ({@link HeapLayout}), so that a
 * cache can be bounded in bytes without walking the claims again.
 */
final class JsonObjectReader {

	/**
	 * A plain streaming factory: a parser from it costs no binding context, where one
	 * from a mapper would set up a deserialization context per token. Its duplicate
	 * detection stays off: it would keep a second set of the names the maps hold.
	 */
	private static final JsonFactory JSON = JsonFactory.builder()
		.disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final JsonParser parser;

	/** The token part read, for messages. */
	private final String part;

	/** The heap of what was read so far. */
	private long footprint;

	private JsonObjectReader(JsonParser parser, String part) {
		this.parser = parser;
		this.part = part;
	}

	/**
	 * Read one JSON object.
	 * @param bytes the UTF-8 JSON
	 * @param part the token part it came from, for messages
	 * @return the object
	 * @throws InvalidTokenException ({@link TokenCheck#FORMAT}) when the bytes are not
	 * exactly one JSON object without duplicate members
	 */
	static JsonObject read(byte[] bytes, String part) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), bytes)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw CompactJws.format("token " + part + " is not a JSON object");
			}
			JsonObjectReader reader = new JsonObjectReader(parser, part);
			Map<String, Object> object = reader.readObject();
			if (parser.nextToken() != null) {
				throw CompactJws.format("token " + part + " holds more than one JSON value");
			}
			return new JsonObject(object, reader.footprint);
		}
		catch (JacksonException ex) {
			throw CompactJws.format("token " + part + " is not a JSON object");
		}
	}

	private Map<String, Object> readObject() {
		Map<String, Object> object = new LinkedHashMap<>();
		for (String name = this.parser.nextName(); name != null; name = this.parser.nextName()) {
			this.footprint += HeapLayout.string(name.length());
			int size = object.size();
			object.put(name, readValue(this.parser.nextToken()));
			if (object.size() == size) {
				throw CompactJws.format("token " + this.part + " has a duplicate member");
			}
		}
		this.footprint += HeapLayout.map(object.size());
		return object;
	}

	private @Nullable Object readValue(@Nullable JsonToken token) {
		if (token == null) {
			throw CompactJws.format("token JSON ends early");
		}
		switch (token) {
			case VALUE_STRING:
				String text = this.parser.getString();
				this.footprint += HeapLayout.string(text.length());
				return text;
			case VALUE_NUMBER_INT:
				Number number = this.parser.getNumberValue();
				this.footprint += HeapLayout.number(number);
				return number;
			case VALUE_NUMBER_FLOAT:
				Double real = this.parser.getDoubleValue();
				this.footprint += HeapLayout.number(real);
				return real;
			case VALUE_TRUE:
				return Boolean.TRUE;
			case VALUE_FALSE:
				return Boolean.FALSE;
			case VALUE_NULL:
				return null;
			case START_OBJECT:
				return Collections.unmodifiableMap(readObject());
			case START_ARRAY:
				List<Object> array = new ArrayList<>();
				for (JsonToken next = this.parser.nextToken(); next != JsonToken.END_ARRAY; next = this.parser
					.nextToken()) {
					array.add(readValue(next));
				}
				this.footprint += HeapLayout.list(array.size());
				return Collections.unmodifiableList(array);
			default:
				throw CompactJws.format("token JSON holds an unexpected " + token);
		}
	}

	/**
	 * An object as read.
	 *
	 * @param members its members; nested objects and arrays read-only
	 * @param footprint the heap it takes, as {@link HeapLayout} counts it, with the
	 * read-only wrapper its owner will put around it
	 */
	record JsonObject(Map<String, Object> members, long footprint) {
	}

}
