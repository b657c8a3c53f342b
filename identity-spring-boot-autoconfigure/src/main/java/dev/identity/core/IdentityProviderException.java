package dev.identity.core;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The identity provider failed or answered something unusable: the endpoint could not be
 * reached, answered an error status, or returned a document that breaks the configured
 * policy.
 */
public class IdentityProviderException extends IdentityException {

	private static final long serialVersionUID = 1L;

	private final String endpoint;

	private final URI uri;

	private final int status;

	private final @Nullable String errorCode;

	/**
	 * Create a new instance.
	 * @param endpoint the logical endpoint, e.g. {@code discovery} or {@code jwks}
	 * @param uri the URI that was called
	 * @param status the HTTP status, or 0 when no response was received
	 * @param errorCode the OAuth {@code error} code, if the provider sent one
	 * @param reason what went wrong
	 * @param cause the underlying failure, if any
	 */
	public IdentityProviderException(String endpoint, URI uri, int status, @Nullable String errorCode, String reason,
			@Nullable Throwable cause) {
		super(message(endpoint, uri, status, errorCode, reason), cause);
		this.endpoint = endpoint;
		this.uri = uri;
		this.status = status;
		this.errorCode = errorCode;
	}

	public IdentityProviderException(String endpoint, URI uri, String reason) {
		this(endpoint, uri, 0, null, reason, null);
	}

	/**
	 * Logical name of the endpoint that failed, e.g. {@code discovery} or {@code jwks}.
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	/** URI that was called (without query string). */
	public URI getUri() {
		return this.uri;
	}

	/** HTTP status, or 0 when no response was received. */
	public int getStatus() {
		return this.status;
	}

	/** OAuth {@code error} code sent by the provider, if any. */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	private static String message(String endpoint, URI uri, int status, @Nullable String errorCode, String reason) {
		StringBuilder message = new StringBuilder("Identity provider ").append(endpoint)
			.append(" endpoint ")
			.append(withoutQuery(uri));
		if (status > 0) {
			message.append(" answered HTTP ").append(status);
		}
		if (errorCode != null) {
			message.append(" (error=").append(errorCode).append(')');
		}
		return message.append(": ").append(reason).toString();
	}

	private static String withoutQuery(URI uri) {
		String text = uri.toString();
		int query = text.indexOf('?');
		return (query >= 0) ? text.substring(0, query) : text;
	}

}
