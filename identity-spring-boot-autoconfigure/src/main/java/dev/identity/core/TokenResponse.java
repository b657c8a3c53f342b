package dev.identity.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A successful token endpoint response (RFC 6749 §5.1, RFC 8693 §2.2.1, OpenID Connect
 * Core §3.1.3.3). No {@link #toString()} shows a token.
 */
public final class TokenResponse {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	/**
	 * Shortest lifetime of a token: a zero or negative {@code expires_in} means it is not
	 * to be reused.
	 */
	public static final Duration MINIMUM_LIFETIME = Duration.ZERO;

	/**
	 * Longest lifetime of a token, whatever {@code expires_in} or the configured default
	 * lifetime say: a cached token is renewed after a week at the latest.
	 */
	public static final Duration MAXIMUM_LIFETIME = Duration.ofDays(7);

	/** A decimal number as JSON writes one. */
	private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

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
		String accessToken = requiredString(json, "access_token");
		String tokenType = requiredString(json, "token_type");
		Duration expiresIn = expiresIn(json.get("expires_in"));
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

	/**
	 * {@code expires_in} within {@link #MINIMUM_LIFETIME} and {@link #MAXIMUM_LIFETIME}:
	 * a number, or a string holding one (some providers send that). A value that is no
	 * number, or {@code null}, counts as absent; the provider's answer is still a token,
	 * and a bad hint about its lifetime must not cost the caller the token or overflow
	 * later arithmetic.
	 */
	private static @Nullable Duration expiresIn(@Nullable Object value) {
		double seconds;
		if (value instanceof Number number) {
			seconds = number.doubleValue();
		}
		else if (value instanceof String text && text.length() <= 64 && NUMBER.matcher(text.trim()).matches()) {
			seconds = Double.parseDouble(text.trim());
		}
		else {
			return null;
		}
		if (Double.isNaN(seconds)) {
			return null;
		}
		// Compared as a double: 1e300 or a BigInteger of any size becomes the maximum,
		// never a long overflow.
		if (seconds >= MAXIMUM_LIFETIME.getSeconds()) {
			return MAXIMUM_LIFETIME;
		}
		return (seconds <= 0) ? MINIMUM_LIFETIME : Duration.ofSeconds((long) seconds);
	}

	/** Lifetime within the bounds. */
	private static Duration clamp(Duration lifetime) {
		if (lifetime.isNegative()) {
			return MINIMUM_LIFETIME;
		}
		return (lifetime.compareTo(MAXIMUM_LIFETIME) > 0) ? MAXIMUM_LIFETIME : lifetime;
	}

	private static String requiredString(Map<String, Object> json, String name) {
		// Never null: string(...) throws for a required member that is missing.
		return Objects.requireNonNull(string(json, name, true), name);
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

	/**
	 * {@code expires_in} within {@link #MINIMUM_LIFETIME} and {@link #MAXIMUM_LIFETIME},
	 * or {@code null} when the provider did not send it or sent something other than a
	 * number.
	 */
	public @Nullable Duration getExpiresIn() {
		return this.expiresIn;
	}

	/**
	 * When the access token expires.
	 * @param defaultLifetime lifetime to assume when {@code expires_in} is absent; also
	 * held within {@link #MINIMUM_LIFETIME} and {@link #MAXIMUM_LIFETIME}
	 * @return the expiry
	 */
	public Instant expiresAt(Duration defaultLifetime) {
		return this.issuedAt.plus((this.expiresIn != null) ? this.expiresIn : clamp(defaultLifetime));
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

	/**
	 * Granted scopes from {@code scope}; empty when the provider granted the requested
	 * ones silently.
	 */
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
