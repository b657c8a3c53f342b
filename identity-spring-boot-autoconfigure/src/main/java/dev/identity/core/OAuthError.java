package dev.identity.core;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OAuth 2 error as a provider sends it: the {@code error} code,
 * {@code error_description} and {@code error_uri}, in an error response of the token
 * endpoint (RFC 6749 §5.2) or on a callback (RFC 6749 §4.1.2.1). The values come from
 * outside: whoever reads them cleans and bounds them first (see {@link #parse}), so the
 * value, its {@link #toString()} and the messages built from it are safe to log.
 *
 * @param error the {@code error} code, e.g. {@code invalid_grant}, {@code access_denied}
 * @param description the {@code error_description}, or {@code null}
 * @param uri the {@code error_uri}, or {@code null}
 */
public record OAuthError(String error, @Nullable String description, @Nullable String uri) implements Serializable {

	// Held by exceptions, which are serializable.
	private static final long serialVersionUID = 1L;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public OAuthError {
		Objects.requireNonNull(error, "error");
	}

	/**
	 * Read an error response body: an OAuth error when the body is a JSON object whose
	 * {@code error} is a non-blank string; {@code error_description} and
	 * {@code error_uri} are kept when they are strings.
	 * @param body the response body
	 * @param clean cleans and bounds each value before it is kept
	 * @return the error, or {@code null} when the body is not an OAuth error object
	 */
	public static @Nullable OAuthError parse(String body, UnaryOperator<String> clean) {
		try {
			Map<String, Object> json = JSON.readValue(body, new TypeReference<Map<String, Object>>() {
			});
			if (json != null && json.get("error") instanceof String error && !error.isBlank()) {
				return new OAuthError(clean.apply(error),
						(json.get("error_description") instanceof String d) ? clean.apply(d) : null,
						(json.get("error_uri") instanceof String u) ? clean.apply(u) : null);
			}
		}
		catch (JacksonException ex) {
			// Not JSON: not an OAuth error object.
		}
		return null;
	}

	/**
	 * The {@code error_uri} as a message suffix, {@code " (see <uri>)"}, or empty.
	 * @return the suffix
	 */
	public String seeUri() {
		return (this.uri != null) ? " (see " + this.uri + ")" : "";
	}

}
