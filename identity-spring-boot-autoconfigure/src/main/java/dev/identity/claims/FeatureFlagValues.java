package dev.identity.claims;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed reading of feature-flag values: plain JSON values, Kinde's typed objects and
 * configured defaults. No coercion between JSON types: a mismatch is a
 * {@link FeatureFlagTypeException}.
 */
final class FeatureFlagValues {

	static final String DEFAULTS_PROPERTY = "identity.claims.feature-flags.defaults";

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/** Kinde's {@code t} codes and the JSON types of the {@code v} each allows. */
	private static final Map<String, List<String>> KINDE_TYPES = Map.of("b", List.of("boolean"), "s", List.of("string"),
			"i", List.of("integer"), "j", List.of("object", "array"));

	private FeatureFlagValues() {
	}

	/**
	 * A flag's value from the token, as the given type.
	 * @param name the flag
	 * @param value the value: plain JSON or Kinde's {@code {"t": "b|s|i|j", "v": ...}}
	 * @param type the type asked for
	 * @return the value, or {@code null} when a Kinde object holds {@code "v": null}
	 * @throws FeatureFlagTypeException when the value is of another type
	 */
	static <T> @Nullable T fromToken(String name, Object value, Class<T> type) {
		Object plain = unwrapKinde(name, value, type);
		if (plain == null) {
			return null;
		}
		Object converted = convert(plain, type);
		if (converted == null) {
			String actual = jsonType(plain);
			throw new FeatureFlagTypeException(name, type, actual,
					"Feature flag '" + name + "' is of JSON type " + actual
							+ ((integral(plain) && isNumeric(type)) ? " out of range" : "") + ", not "
							+ type.getSimpleName() + " as requested");
		}
		return cast(converted, type);
	}

	/**
	 * A configured default as the given type: the text itself for {@link String} and
	 * {@link Object}, otherwise read as JSON ({@code true}, {@code 42}, {@code {"theme":
	 * "dark"}}).
	 * @param name the flag
	 * @param text the configured default
	 * @param type the type asked for
	 * @return the value
	 * @throws FeatureFlagTypeException when the text is not a value of that type
	 */
	static <T> T fromDefault(String name, String text, Class<T> type) {
		if (type == String.class || type == Object.class) {
			return cast(text, type);
		}
		Object converted;
		try {
			Object parsed = JSON.readValue(text, Object.class);
			converted = (parsed != null) ? convert(parsed, type) : null;
		}
		catch (JacksonException ex) {
			converted = null;
		}
		if (converted == null) {
			throw new FeatureFlagTypeException(name, type, "string", "Default of feature flag '" + name + "' in "
					+ DEFAULTS_PROPERTY + " cannot be read as " + type.getSimpleName());
		}
		return cast(converted, type);
	}

	private static @Nullable Object unwrapKinde(String name, Object value, Class<?> type) {
		if (!(value instanceof Map<?, ?> object) || object.size() != 2 || !object.containsKey("v")
				|| !(object.get("t") instanceof String code) || !KINDE_TYPES.containsKey(code)) {
			return value;
		}
		Object inner = object.get("v");
		if (inner != null && !KINDE_TYPES.get(code).contains(jsonType(inner))) {
			String actual = jsonType(inner);
			throw new FeatureFlagTypeException(name, type, actual, "Feature flag '" + name + "' declares Kinde type '"
					+ code + "' (" + String.join(" or ", KINDE_TYPES.get(code)) + ") but is of JSON type " + actual);
		}
		return inner;
	}

	private static @Nullable Object convert(Object value, Class<?> type) {
		Class<?> wrapper = wrap(type);
		if (wrapper == Integer.class) {
			return (integral(value) && fits(value, Integer.MIN_VALUE, Integer.MAX_VALUE))
					? Integer.valueOf(((Number) value).intValue()) : null;
		}
		if (wrapper == Long.class) {
			return (integral(value) && fits(value, Long.MIN_VALUE, Long.MAX_VALUE))
					? Long.valueOf(((Number) value).longValue()) : null;
		}
		if (wrapper == Double.class) {
			return (value instanceof Number number) ? Double.valueOf(number.doubleValue()) : null;
		}
		return wrapper.isInstance(value) ? value : null;
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object value, Class<T> type) {
		return (T) wrap(type).cast(value);
	}

	private static Class<?> wrap(Class<?> type) {
		if (!type.isPrimitive()) {
			return type;
		}
		if (type == boolean.class) {
			return Boolean.class;
		}
		if (type == int.class) {
			return Integer.class;
		}
		if (type == long.class) {
			return Long.class;
		}
		if (type == double.class) {
			return Double.class;
		}
		throw new IllegalArgumentException("feature flags are not read as " + type);
	}

	private static boolean isNumeric(Class<?> type) {
		Class<?> wrapper = wrap(type);
		return wrapper == Integer.class || wrapper == Long.class;
	}

	private static boolean integral(Object value) {
		return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger;
	}

	private static boolean fits(Object value, long minimum, long maximum) {
		BigInteger number = (value instanceof BigInteger big) ? big : BigInteger.valueOf(((Number) value).longValue());
		return number.compareTo(BigInteger.valueOf(minimum)) >= 0 && number.compareTo(BigInteger.valueOf(maximum)) <= 0;
	}

	static String jsonType(Object value) {
		if (value instanceof Boolean) {
			return "boolean";
		}
		if (value instanceof String) {
			return "string";
		}
		if (integral(value)) {
			return "integer";
		}
		if (value instanceof Number) {
			return "number";
		}
		if (value instanceof Map) {
			return "object";
		}
		if (value instanceof List) {
			return "array";
		}
		return value.getClass().getSimpleName();
	}

}
