package dev.identity.core;

import org.jspecify.annotations.Nullable;

/**
 * A failure that carries the provider's OAuth error ({@link OAuthError}), with the
 * accessors of its parts. Implemented by {@link OAuthErrorException} (an error response
 * of an endpoint) and {@code AuthorizationErrorException} (an error on the login
 * callback), so both read their error alike.
 */
public interface OAuthErrorResponse {

	/**
	 * The error the provider answered: code, description and URI, cleaned.
	 * @return the error
	 */
	OAuthError getOAuthError();

	/**
	 * The {@code error} code, e.g. {@code invalid_client} or {@code access_denied}.
	 * @return the code
	 */
	default String getError() {
		return getOAuthError().error();
	}

	/**
	 * The {@code error_description}.
	 * @return the description, or {@code null}
	 */
	default @Nullable String getErrorDescription() {
		return getOAuthError().description();
	}

	/**
	 * The {@code error_uri}.
	 * @return the URI, or {@code null}
	 */
	default @Nullable String getErrorUri() {
		return getOAuthError().uri();
	}

}
