package dev.identity.web;

import java.time.Instant;
import java.util.Map;

import dev.identity.claims.ClaimsPreset;
import dev.identity.claims.ClaimsReader;
import dev.identity.claims.ClaimsTestTokens;
import dev.identity.core.ValidatedToken;

/**
 * Validated tokens for the tests of the shared web rules, from the claims tests' factory
 * (signed, then parsed and verified by the real verifier), with the claims reader those
 * rules use.
 */
public final class WebTestTokens {

	static final Instant NOW = ClaimsTestTokens.NOW;

	/**
	 * Reads roles from {@code roles}, permissions from {@code permissions}, scopes from
	 * {@code scope}.
	 */
	public static final ClaimsReader READER = ClaimsReader.of(ClaimsPreset.GENERIC);

	private WebTestTokens() {
	}

	/**
	 * A validated token for {@code alice} carrying the given claims besides the
	 * registered ones.
	 */
	public static ValidatedToken token(Map<String, Object> claims) {
		return ClaimsTestTokens.token(claims);
	}

}
