package dev.identity.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link ClaimRule} reads of a token: its {@code typ} header and its claims.
 * Application rules are handed the {@link ValidatedToken} itself, after its signature and
 * every built-in rule passed.
 */
public interface TokenContent {

	/** {@code typ} header, or {@code null}. */
	@Nullable String getType();

	/** A claim as parsed from JSON, or {@code null} when absent or null. */
	@Nullable Object getClaim(String name);

	/**
	 * Whether the claim is present, even with a JSON {@code null} value.
	 * @param name the claim's name
	 * @return whether the payload names it
	 */
	boolean containsClaim(String name);

	/** Every claim, read-only. */
	Map<String, Object> getClaims();

	/** A claim that is a JSON string, or {@code null} when absent or of another type. */
	default @Nullable String getClaimAsString(String name) {
		return (getClaim(name) instanceof String value) ? value : null;
	}

	/**
	 * A claim that is a JSON array of strings (or a single string), empty when absent;
	 * other members of the array are skipped.
	 */
	default List<String> getClaimAsStringList(String name) {
		Object value = getClaim(name);
		if (value instanceof String text) {
			return List.of(text);
		}
		if (!(value instanceof Collection<?> values)) {
			return List.of();
		}
		List<String> strings = new ArrayList<>(values.size());
		for (Object item : values) {
			if (item instanceof String text) {
				strings.add(text);
			}
		}
		return Collections.unmodifiableList(strings);
	}

}
