package dev.identity.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Claims from the UserInfo endpoint (OpenID Connect Core §5.3).
 */
public final class UserInfo {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Object> claims;

	private UserInfo(Map<String, Object> claims) {
		this.claims = Collections.unmodifiableMap(claims);
	}

	/**
	 * Parse a UserInfo response and check its subject.
	 * @param body the JSON body
	 * @param expectedSubject the ID token's {@code sub}, or {@code null} when there is
	 * none to compare
	 * @return the claims
	 * @throws IllegalArgumentException when the body is not a JSON object with a string
	 * {@code sub}, or the subject differs (§5.3.2: the response must then not be used)
	 */
	public static UserInfo parse(String body, @Nullable String expectedSubject) {
		Map<String, Object> json;
		try {
			json = JSON.readValue(body, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("userinfo response is not a JSON object (signed or encrypted "
					+ "userinfo responses are not supported)");
		}
		if (json == null || !(json.get("sub") instanceof String sub)) {
			throw new IllegalArgumentException("userinfo response has no string 'sub'");
		}
		if (expectedSubject != null && !expectedSubject.equals(sub)) {
			throw new IllegalArgumentException("userinfo 'sub' differs from the ID token's; the response is not used "
					+ "(OpenID Connect Core 5.3.2)");
		}
		return new UserInfo(json);
	}

	public String getSubject() {
		// parse() rejects a response without a string sub.
		return (String) Objects.requireNonNull(this.claims.get("sub"), "sub");
	}

	public @Nullable String getName() {
		return string("name");
	}

	public @Nullable String getEmail() {
		return string("email");
	}

	public @Nullable String getPreferredUsername() {
		return string("preferred_username");
	}

	/** A claim that is a string, or {@code null}. */
	public @Nullable String string(String name) {
		return (this.claims.get(name) instanceof String value) ? value : null;
	}

	/** Every claim of the response. */
	public Map<String, Object> getClaims() {
		return this.claims;
	}

	@Override
	public String toString() {
		return "UserInfo[sub=" + getSubject() + "]";
	}

}
