package dev.identity.core;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider answered with an OAuth error response (RFC 6749 §5.2): {@code error},
 * {@code error_description}, {@code error_uri}, with the HTTP status and, on 429 or 503,
 * the {@code Retry-After} it asked for.
 */
public class OAuthErrorException extends IdentityProviderException {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String error;

	private final @Nullable String errorDescription;

	private final @Nullable String errorUri;

	private final @Nullable Duration retryAfter;

	public OAuthErrorException(String endpoint, URI uri, int status, String error, @Nullable String errorDescription,
			@Nullable String errorUri, @Nullable Duration retryAfter) {
		super(endpoint, uri, status, error, describe(errorDescription, errorUri, retryAfter), null);
		this.error = error;
		this.errorDescription = errorDescription;
		this.errorUri = errorUri;
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
		try {
			Map<String, Object> json = JSON.readValue(body, new TypeReference<Map<String, Object>>() {
			});
			if (json != null && json.get("error") instanceof String error && !error.isBlank()) {
				return new OAuthErrorException(endpoint, uri, status, printable(error),
						(json.get("error_description") instanceof String d) ? printable(d) : null,
						(json.get("error_uri") instanceof String u) ? printable(u) : null, retryAfter);
			}
		}
		catch (JacksonException ex) {
			// Not JSON: reported by status below.
		}
		String reason = (status == 429 || status == 503) ? "provider is busy or unavailable" : "unexpected response";
		return new IdentityProviderException(endpoint, uri, status, null,
				reason + ((retryAfter != null) ? "; retry after " + retryAfter.toSeconds() + "s" : ""), null);
	}

	/** {@code error} code, e.g. {@code invalid_client}. */
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

	/** Delay the provider asked for with {@code Retry-After}, or {@code null}. */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	private static String describe(@Nullable String description, @Nullable String errorUri,
			@Nullable Duration retryAfter) {
		StringBuilder text = new StringBuilder((description != null) ? description : "OAuth error response");
		if (errorUri != null) {
			text.append(" (see ").append(errorUri).append(')');
		}
		if (retryAfter != null) {
			text.append("; retry after ").append(retryAfter.toSeconds()).append('s');
		}
		return text.toString();
	}

	private static String printable(String value) {
		return LogSafeText.of(value, 300);
	}

}
