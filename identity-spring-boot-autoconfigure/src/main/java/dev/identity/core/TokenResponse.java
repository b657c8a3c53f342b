package dev.identity.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A successful token endpoint response (RFC 6749 §5.1, RFC 8693 §2.2.1, OpenID Connect Core §3.1.3.3).
 * No {@link #toString()} shows a token.
 */
public final class TokenResponse {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final String accessToken;

	private final String tokenType;

	private final @Nullable Duration expiresIn;

	private final Instant issuedAt;

	private final @Nullable String refreshToken;

	private final @Nullable String idToken;

	private final Set<String> scopes;

	private final @Nullable String issuedTokenType;

	private final Map<String, Object> parameters;

	private TokenResponse(String accessToken, String tokenType, @Nullable Duration expiresIn, Instant issuedAt,
			@Nullable String refreshToken, @Nullable String idToken, Set<String> scopes,
			@Nullable String issuedTokenType, Map<String, Object> parameters) {
		this.accessToken = accessToken;
		this.tokenType = tokenType;
		this.expiresIn = expiresIn;
		this.issuedAt = issuedAt;
		this.refreshToken = refreshToken;
		this.idToken = idToken;
		this.scopes = scopes;
		this.issuedTokenType = issuedTokenType;
		this.parameters = parameters;
	}

	/**
	 * Parse a 200 response body.
	 * @param body the JSON body
	 * @param receivedAt when it arrived (the base of {@code expires_in})
	 * @return the response
	 * @throws IllegalArgumentException naming the member that is missing or malformed
	 */
	public static TokenResponse parse(String body, Instant receivedAt) {
		Map<String, Object> json;
		try {
			json = JSON.readValue(body, OBJECT);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("token response is not a JSON object");
		}
		if (json == null) {
			throw new IllegalArgumentException("token response is not a JSON object");
		}
		String accessToken = string(json, "access_token", true);
		String tokenType = string(json, "token_type", true);
		Object expires = json.get("expires_in");
		Duration expiresIn = null;
		if (expires instanceof Number number && number.longValue() >= 0) {
			expiresIn = Duration.ofSeconds(number.longValue());
		}
		else if (expires instanceof String text && text.matches("\\d{1,12}")) {
			// Some providers send the number as a string.
			expiresIn = Duration.ofSeconds(Long.parseLong(text));
		}
		else if (expires != null) {
			throw new IllegalArgumentException("token response member 'expires_in' is not a non-negative number");
		}
		Set<String> scopes = new LinkedHashSet<>();
		String scope = string(json, "scope", false);
		if (scope != null) {
			for (String part : scope.split(" ")) {
				if (!part.isEmpty()) {
					scopes.add(part);
				}
			}
		}
		return new TokenResponse(accessToken, tokenType, expiresIn, receivedAt, string(json, "refresh_token", false),
				string(json, "id_token", false), Collections.unmodifiableSet(scopes),
				string(json, "issued_token_type", false), Collections.unmodifiableMap(json));
	}

	private static @Nullable String string(Map<String, Object> json, String name, boolean required) {
		Object value = json.get(name);
		if (value == null) {
			if (required) {
				throw new IllegalArgumentException("token response has no '" + name + "'");
			}
			return null;
		}
		if (!(value instanceof String text) || (required && text.isEmpty())) {
			throw new IllegalArgumentException("token response member '" + name + "' is not a non-empty string");
		}
		return text;
	}

	/** {@code access_token}: send it as a bearer token; never log it. */
	public String getAccessToken() {
		return this.accessToken;
	}

	/** {@code token_type}, e.g. {@code Bearer}. */
	public String getTokenType() {
		return this.tokenType;
	}

	/** Whether {@code token_type} is {@code Bearer} (case-insensitive, RFC 6749 §5.1). */
	public boolean isBearer() {
		return "bearer".equals(this.tokenType.toLowerCase(Locale.ROOT));
	}

	/** {@code expires_in}, or {@code null} when the provider did not send it. */
	public @Nullable Duration getExpiresIn() {
		return this.expiresIn;
	}

	/**
	 * When the access token expires.
	 * @param defaultLifetime lifetime to assume when {@code expires_in} is absent
	 * @return the expiry
	 */
	public Instant expiresAt(Duration defaultLifetime) {
		return this.issuedAt.plus((this.expiresIn != null) ? this.expiresIn : defaultLifetime);
	}

	/** When the response arrived. */
	public Instant getIssuedAt() {
		return this.issuedAt;
	}

	/** {@code refresh_token}, or {@code null}. */
	public @Nullable String getRefreshToken() {
		return this.refreshToken;
	}

	/** {@code id_token}, or {@code null}; validate it before reading it. */
	public @Nullable String getIdToken() {
		return this.idToken;
	}

	/** Granted scopes from {@code scope}; empty when the provider granted the requested ones silently. */
	public Set<String> getScopes() {
		return this.scopes;
	}

	/** {@code issued_token_type} of a token exchange, or {@code null}. */
	public @Nullable String getIssuedTokenType() {
		return this.issuedTokenType;
	}

	/** Every member of the response, tokens included: never log it. */
	public Map<String, Object> getParameters() {
		return this.parameters;
	}

	@Override
	public String toString() {
		return "TokenResponse[tokenType=" + this.tokenType + ", expiresIn=" + this.expiresIn + ", scopes=" + this.scopes
				+ ", refreshToken=" + ((this.refreshToken != null) ? "present" : "absent") + ", idToken="
				+ ((this.idToken != null) ? "present" : "absent") + "]";
	}

}
