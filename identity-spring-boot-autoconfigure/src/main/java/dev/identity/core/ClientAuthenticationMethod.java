package dev.identity.core;

/**
 * How the client authenticates at the token, introspection and revocation endpoints (RFC
 * 6749 §2.3, OpenID Connect Core §9).
 */
public enum ClientAuthenticationMethod {

	/** HTTP Basic with the form-encoded client id and secret (the default). */
	CLIENT_SECRET_BASIC,
	/** {@code client_id} and {@code client_secret} in the request body. */
	CLIENT_SECRET_POST,
	/**
	 * A JWT signed with the client's private key ({@code client_assertion}, RFC 7523).
	 */
	PRIVATE_KEY_JWT,
	/** A public client: only {@code client_id}, no secret. */
	NONE

}
