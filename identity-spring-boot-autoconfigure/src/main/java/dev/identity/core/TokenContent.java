package dev.identity.core;

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

}
