package dev.identity.core;

import java.net.URI;
import java.time.Duration;

import dev.identity.core.internal.LogSafeText;
import org.jspecify.annotations.Nullable;

/**
 * The provider answered with an OAuth error response (RFC 6749 §5.2): {@code error},
 * {@code error_description}, {@code error_uri}, with the HTTP status and, on 429 or 503,
 * the {@code Retry-After} it asked for.
 */
public class OAuthErrorException extends IdentityProviderException implements OAuthErrorResponse {

	private static final long serialVersionUID = 1L;

	private final OAuthError error;

	private final @Nullable Duration retryAfter;

	public OAuthErrorException(String endpoint, URI uri, int status, String error, @Nullable String errorDescription,
			@Nullable String errorUri, @Nullable Duration retryAfter) {
		this(endpoint, uri, status, new OAuthError(error, errorDescription, errorUri), retryAfter);
	}

	/**
	 * Create a new instance.
	 * @param endpoint the endpoint name
	 * @param uri the URL
	 * @param status the HTTP status
	 * @param error the error the provider answered, cleaned
	 * @param retryAfter the {@code Retry-After} delay, or {@code null}
	 */
	public OAuthErrorException(String endpoint, URI uri, int status, OAuthError error, @Nullable Duration retryAfter) {
		super(endpoint, uri, status, error.error(), describe(error, retryAfter), null);
		this.error = error;
		this.retryAfter = retryAfter;
	}

	/**
	 * Read an error response.
	 * @param endpoint the endpoint name
	 * @param uri the URL
	 * @param status the HTTP status
	 * @param body the body
	 * @param retryAfter the {@code Retry-After} delay, or {@code null}
	 * @return the exception: an {@code OAuthErrorException} when the body is an OAuth
	 * error object, otherwise a plain {@link IdentityProviderException} naming the status
	 */
	public static IdentityProviderException from(String endpoint, URI uri, int status, String body,
			@Nullable Duration retryAfter) {
		OAuthError error = OAuthError.parse(body, OAuthErrorException::printable);
		if (error != null) {
			return new OAuthErrorException(endpoint, uri, status, error, retryAfter);
		}
		// Not an OAuth error object: reported by status.
		String reason = (status == 429 || status == 503) ? "provider is busy or unavailable" : "unexpected response";
		return new IdentityProviderException(endpoint, uri, status, null,
				reason + ((retryAfter != null) ? "; retry after " + retryAfter.toSeconds() + "s" : ""), null);
	}

	/** The error the provider answered: code, description and URI. */
	@Override
	public OAuthError getOAuthError() {
		return this.error;
	}

	/** Delay the provider asked for with {@code Retry-After}, or {@code null}. */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	private static String describe(OAuthError error, @Nullable Duration retryAfter) {
		StringBuilder text = new StringBuilder(
				(error.description() != null) ? error.description() : "OAuth error response");
		text.append(error.seeUri());
		if (retryAfter != null) {
			text.append("; retry after ").append(retryAfter.toSeconds()).append('s');
		}
		return text.toString();
	}

	private static String printable(String value) {
		return LogSafeText.of(value, 300);
	}

}
