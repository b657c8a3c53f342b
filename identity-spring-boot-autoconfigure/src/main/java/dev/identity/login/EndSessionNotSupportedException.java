package dev.identity.login;

import java.util.Objects;

import dev.identity.core.IdentityException;

/**
 * The provider publishes no {@code end_session_endpoint}, so it does not support
 * RP-Initiated Logout (OpenID Connect RP-Initiated Logout 1.0 §2.1): only the
 * application's own session can be ended.
 */
public class EndSessionNotSupportedException extends IdentityException {

	private static final long serialVersionUID = 1L;

	private final String issuer;

	public EndSessionNotSupportedException(String issuer) {
		super("Identity provider " + Objects.requireNonNull(issuer, "issuer")
				+ " publishes no end_session_endpoint in its discovery document, so it does not support "
				+ "RP-Initiated Logout; end the application's session only, or give the endpoint explicitly");
		this.issuer = issuer;
	}

	/** Issuer of the provider without the endpoint. */
	public String getIssuer() {
		return this.issuer;
	}

}
