package dev.identity.login;

import java.util.Objects;

import dev.identity.core.IdentityException;
import dev.identity.core.OAuthError;
import dev.identity.core.OAuthErrorResponse;
import dev.identity.core.internal.LogSafeText;
import org.jspecify.annotations.Nullable;

/**
 * The provider ended the login with an error response (RFC 6749 §4.1.2.1, OpenID Connect
 * Core §3.1.2.6), e.g. {@code access_denied} when the user declined or
 * {@code login_required} after {@code prompt=none}. Raised only for a callback whose
 * {@code state} matched the pending login, so the error really answers this application's
 * request. The values are cleaned and bounded before they are kept.
 */
public class AuthorizationErrorException extends IdentityException implements OAuthErrorResponse {

	private static final long serialVersionUID = 1L;

	/** Longest {@code error} kept. */
	public static final int ERROR_LIMIT = 64;

	/** Longest {@code error_description} or {@code error_uri} kept. */
	static final int DESCRIPTION_LIMIT = 300;

	private final OAuthError error;

	/**
	 * Create a new instance.
	 * @param error the {@code error} parameter
	 * @param errorDescription the {@code error_description} parameter, or {@code null}
	 * @param errorUri the {@code error_uri} parameter, or {@code null}
	 */
	public AuthorizationErrorException(String error, @Nullable String errorDescription, @Nullable String errorUri) {
		this(new OAuthError(cleanError(error), clean(errorDescription, DESCRIPTION_LIMIT),
				clean(errorUri, DESCRIPTION_LIMIT)));
	}

	private AuthorizationErrorException(OAuthError error) {
		super(message(error));
		this.error = error;
	}

	/** The error the provider answered: code, description and URI, cleaned. */
	@Override
	public OAuthError getOAuthError() {
		return this.error;
	}

	/**
	 * Whether the user or the provider declined ({@code access_denied}), as opposed to a
	 * failure.
	 */
	public boolean isAccessDenied() {
		return "access_denied".equals(this.error.error());
	}

	private static String message(OAuthError error) {
		return "Identity provider refused the authorization request (error=" + error.error() + ")"
				+ ((error.description() != null) ? ": " + error.description() : "") + error.seeUri();
	}

	private static String cleanError(String error) {
		return LogSafeText.of(Objects.requireNonNull(error, "error"), ERROR_LIMIT);
	}

	private static @Nullable String clean(@Nullable String value, int limit) {
		return (value != null) ? LogSafeText.of(value, limit) : null;
	}

}
