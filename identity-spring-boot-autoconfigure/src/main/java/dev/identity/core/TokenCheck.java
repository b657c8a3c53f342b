package dev.identity.core;

/**
 * The checks a token goes through; each failure names one of them.
 */
public enum TokenCheck {

	/** The token is not a well-formed JWS in compact serialization. */
	FORMAT,
	/**
	 * The {@code alg} header is missing, not allowed by configuration, or does not fit
	 * the key.
	 */
	ALGORITHM,
	/**
	 * A {@code crit} header lists an extension this client does not understand (RFC 7515
	 * §4.1.11).
	 */
	CRITICAL_HEADER,
	/**
	 * The {@code typ} header differs from the required type, or the token is not an
	 * access token: an OpenID Connect ID token, or a {@code typ} of another kind of JWT
	 * (RFC 9068 §4, RFC 8725 §3.11).
	 */
	TYPE,
	/** No usable key was found for the token's {@code kid}. */
	KEY,
	/** The signature does not verify with the selected key. */
	SIGNATURE,
	/** The {@code iss} claim differs from the configured issuer. */
	ISSUER,
	/** The {@code aud} claim holds none of the configured audiences. */
	AUDIENCE,
	/**
	 * The token expired ({@code exp} plus clock skew is in the past) or has no
	 * {@code exp}.
	 */
	EXPIRY,
	/** The token is not valid yet ({@code nbf} minus clock skew is in the future). */
	NOT_BEFORE,
	/** The token was issued in the future ({@code iat} minus clock skew is after now). */
	ISSUED_AT,
	/** A required claim is missing or null. */
	REQUIRED_CLAIM,
	/** A registered claim has the wrong JSON type. */
	CLAIM_TYPE,
	/** A claims validator supplied by the application rejected the token. */
	CUSTOM,
	/** Token introspection (RFC 7662) reported the token inactive. */
	INTROSPECTION,
	/**
	 * An ID token's {@code nonce} differs from the login request's (OpenID Connect Core
	 * §3.1.3.7).
	 */
	NONCE,
	/**
	 * An ID token's {@code azp} is missing with several audiences, or is not this client.
	 */
	AUTHORIZED_PARTY,
	/** An ID token's {@code at_hash} does not match the access token. */
	ACCESS_TOKEN_HASH,
	/** The user authenticated longer ago than the requested {@code max_age}. */
	AUTHENTICATION_TIME

}
