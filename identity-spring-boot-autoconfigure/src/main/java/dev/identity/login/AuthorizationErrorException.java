package dev.identity.login;

import java.util.Objects;

import dev.identity.core.IdentityException;
import org.jspecify.annotations.Nullable;

/**
 * The provider ended the login with an error response (RFC 6749 §4.1.2.1, OpenID Connect
 * Core §3.1.2.6), e.g. {@code access_denied} when the user declined or
 * {@code login_required} after {@code prompt=none}. Raised only for a callback whose
 * {@code state} matched the pending login, so the error really answers this application's
 * request. The values are cleaned and bounded before they are kept.
 */
public class AuthorizationErrorException extends IdentityException {

	private static final long serialVersionUID = 1L;

	/** Longest {@code error} kept. */
	static final int ERROR_LIMIT = 64;

	/** Longest {@code error_description} or {@code error_uri} kept. */
	static final int DESCRIPTION_LIMIT = 300;

	private final String error;

	private final @Nullable String errorDescription;

	private final @Nullable String errorUri;

	/**
	 * Create a new instance.
	 * @param error the {@code error} parameter
	 * @param errorDescription the {@code error_description} parameter, or {@code null}
	 * @param errorUri the {@code error_uri} parameter, or {@code null}
	 */
	public AuthorizationErrorException(String error, @Nullable String errorDescription, @Nullable String errorUri) {
		super(message(cleanError(error), clean(errorDescription, DESCRIPTION_LIMIT),
				clean(errorUri, DESCRIPTION_LIMIT)));
		this.error = cleanError(error);
		this.errorDescription = clean(errorDescription, DESCRIPTION_LIMIT);
		this.errorUri = clean(errorUri, DESCRIPTION_LIMIT);
	}

	/** {@code error} code, e.g. {@code access_denied}, {@code login_required}. */
	public String getError() {
		return this.error;
	}

	/** {@code error_description}, or {@code null}. */
	public @Nullable String getErrorDescription() {
		return this.errorDescription;
	}

	/** {@code error_uri}, or {@code null}. */
	public @Nullable String getErrorUri() {
		return this.errorUri;
	}

	/**
	 * Whether the user or the provider declined ({@code access_denied}), as opposed to a
	 * failure.
	 */
	public boolean isAccessDenied() {
		return "access_denied".equals(this.error);
	}

	private static String message(String error, @Nullable String description, @Nullable String uri) {
		return "Identity provider refused the authorization request (error=" + error + ")"
				+ ((description != null) ? ": " + description : "") + ((uri != null) ? " (see " + uri + ")" : "");
	}

	private static String cleanError(String error) {
		return ProviderText.clean(Objects.requireNonNull(error, "error"), ERROR_LIMIT);
	}

	private static @Nullable String clean(@Nullable String value, int limit) {
		return (value != null) ? ProviderText.clean(value, limit) : null;
	}

}
