package dev.identity.login;

/**
 * The checks an authorization callback goes through; an {@link InvalidCallbackException}
 * names the one that failed.
 */
public enum CallbackCheck {

	/** A parameter appears more than once (RFC 6749 §3.1). */
	FORMAT,
	/**
	 * {@code state} is missing or is not the pending login's (RFC 6749 §10.12, RFC 9700
	 * §4.7).
	 */
	STATE,
	/**
	 * {@code iss} is not the issuer the request was sent to, or is missing though the
	 * provider announced it (RFC 9207 §2.4).
	 */
	ISSUER,
	/** The pending login is older than allowed. */
	EXPIRED,
	/** The callback carries neither {@code code} nor {@code error} (RFC 6749 §4.1.2). */
	CODE

}
