package dev.identity.claims;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Resolution of the claim paths described on {@link ClaimNames}, tolerant of the shapes
 * providers send: a missing member or a member of the wrong type on the way yields
 * nothing, never an error.
 */
final class ClaimPaths {

	private ClaimPaths() {
	}

	/**
	 * Every value the path reaches; several when it crosses an array of objects.
	 * @param claims the token's claims
	 * @param path the path
	 * @return the values, JSON nulls left out
	 */
	static List<Object> resolve(Map<String, Object> claims, String path) {
		List<Object> found = new ArrayList<>(1);
		collect(claims, path.split("\\.", -1), 0, found);
		return found;
	}

	/**
	 * Add the strings the path reaches: a string, or the string elements of an array.
	 * @param claims the token's claims
	 * @param path the path
	 * @param split whether strings are space-separated lists (scopes)
	 * @param into where to add them, skipping duplicates and empty strings
	 */
	static void addStrings(Map<String, Object> claims, String path, boolean split, Set<String> into) {
		for (Object value : resolve(claims, path)) {
			if (value instanceof Collection<?> items) {
				for (Object item : items) {
					addString(item, split, into);
				}
			}
			else {
				addString(value, split, into);
			}
		}
	}

	private static void addString(@Nullable Object value, boolean split, Set<String> into) {
		if (!(value instanceof String text)) {
			return;
		}
		if (split) {
			for (String part : text.split(" ")) {
				if (!part.isEmpty()) {
					into.add(part);
				}
			}
		}
		else if (!text.isBlank()) {
			into.add(text);
		}
	}

	private static void collect(@Nullable Object current, String[] segments, int from, List<Object> found) {
		if (current == null) {
			return;
		}
		if (from == segments.length) {
			found.add(current);
			return;
		}
		if (current instanceof Map<?, ?> object) {
			// Longest name first, so that a claim named with dots wins over a nested
			// reading of it.
			for (int to = segments.length; to > from; to--) {
				Object member = object.get(String.join(".", List.of(segments).subList(from, to)));
				if (member != null) {
					collect(member, segments, to, found);
					return;
				}
			}
		}
		else if (current instanceof List<?> array) {
			for (Object item : array) {
				if (item instanceof Map<?, ?>) {
					collect(item, segments, from, found);
				}
			}
		}
	}

}
