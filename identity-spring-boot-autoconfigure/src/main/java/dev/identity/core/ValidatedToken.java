package dev.identity.core;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.identity.core.internal.CoreAccess;
import dev.identity.core.internal.validation.NumericDate;
import org.jspecify.annotations.Nullable;

/**
 * A token whose signature and claims passed every check. Only the engine creates
 * instances, so holding one proves the token was verified.
 * <p>
 * {@link #toString()} never shows the token itself.
 */
public final class ValidatedToken implements TokenContent, Serializable {

	// Part of the signed-in user kept in HTTP sessions (see AuthenticatedUser).
	private static final long serialVersionUID = 1L;

	static {
		// Only the verifier and introspection vouch for a token: see CoreAccess.
		CoreAccess.register(ValidatedToken::new);
	}

	private final String tokenValue;

	private final @Nullable JwsAlgorithm algorithm;

	private final @Nullable String keyId;

	private final @Nullable String type;

	private final Map<String, Object> claims;

	private final Instant expiresAt;

	ValidatedToken(String tokenValue, @Nullable JwsAlgorithm algorithm, @Nullable String keyId, @Nullable String type,
			Map<String, Object> claims, Instant expiresAt) {
		this(tokenValue, algorithm, keyId, type, claims, expiresAt, false);
	}

	/**
	 * @param owned whether the claims were parsed for this token alone, nothing else
	 * holds them and their nested maps and lists are read-only already: they are then
	 * wrapped where they are instead of copied
	 */
	ValidatedToken(String tokenValue, @Nullable JwsAlgorithm algorithm, @Nullable String keyId, @Nullable String type,
			Map<String, Object> claims, Instant expiresAt, boolean owned) {
		this.tokenValue = tokenValue;
		this.algorithm = algorithm;
		this.keyId = keyId;
		this.type = type;
		this.claims = owned ? Collections.unmodifiableMap(claims) : deepUnmodifiable(claims);
		this.expiresAt = expiresAt;
	}

	/** The compact serialization of the token, for forwarding it; never log it. */
	public String getTokenValue() {
		return this.tokenValue;
	}

	/**
	 * Signature algorithm from the header; {@code null} for an opaque token validated by
	 * introspection.
	 */
	public @Nullable JwsAlgorithm getAlgorithm() {
		return this.algorithm;
	}

	/** Key ID from the header, or {@code null}. */
	public @Nullable String getKeyId() {
		return this.keyId;
	}

	@Override
	public @Nullable String getType() {
		return this.type;
	}

	/** {@code sub} claim, or {@code null}. */
	public @Nullable String getSubject() {
		return getClaimAsString("sub");
	}

	/** {@code iss} claim; always present on a validated token. */
	public String getIssuer() {
		String issuer = getClaimAsString("iss");
		return (issuer != null) ? issuer : "";
	}

	/** {@code aud} claim as a list, empty when absent. */
	public List<String> getAudiences() {
		return stringList(this.claims.get("aud"));
	}

	/** {@code exp} claim; always present on a validated token. */
	public Instant getExpiresAt() {
		return this.expiresAt;
	}

	/** {@code iat} claim, or {@code null}. */
	public @Nullable Instant getIssuedAt() {
		return NumericDate.instant(this.claims.get("iat"));
	}

	/** {@code nbf} claim, or {@code null}. */
	public @Nullable Instant getNotBefore() {
		return NumericDate.instant(this.claims.get("nbf"));
	}

	/** {@code jti} claim, or {@code null}. */
	public @Nullable String getId() {
		return getClaimAsString("jti");
	}

	/**
	 * Scopes from the {@code scope} claim (space-separated, RFC 8693 §4.2) or, when
	 * absent, the {@code scp} claim (string or array).
	 * @return the scopes, empty when the token has none
	 */
	public Set<String> getScopes() {
		Object scope = this.claims.get("scope");
		if (scope == null) {
			scope = this.claims.get("scp");
		}
		if (scope instanceof String text) {
			Set<String> scopes = new LinkedHashSet<>();
			for (String part : text.split(" ")) {
				if (!part.isEmpty()) {
					scopes.add(part);
				}
			}
			return Collections.unmodifiableSet(scopes);
		}
		return Collections.unmodifiableSet(new LinkedHashSet<>(stringList(scope)));
	}

	/** Whether the token carries the given scope. */
	public boolean hasScope(String scope) {
		return getScopes().contains(scope);
	}

	/** Every claim, as parsed from JSON (strings, numbers, booleans, lists and maps). */
	@Override
	public Map<String, Object> getClaims() {
		return this.claims;
	}

	/** Whether the claim is present and not null. */
	public boolean hasClaim(String name) {
		return this.claims.get(name) != null;
	}

	/** A claim as parsed, or {@code null}. */
	@Override
	public @Nullable Object getClaim(String name) {
		return this.claims.get(name);
	}

	@Override
	public boolean containsClaim(String name) {
		return this.claims.containsKey(name);
	}

	/** A claim that is a JSON string, or {@code null} when absent or of another type. */
	@Override
	public @Nullable String getClaimAsString(String name) {
		return (this.claims.get(name) instanceof String value) ? value : null;
	}

	/**
	 * A claim that is a JSON array of strings (or a single string), empty when absent.
	 */
	@Override
	public List<String> getClaimAsStringList(String name) {
		return stringList(this.claims.get(name));
	}

	/**
	 * Claims as they were verified: nested JSON arrays and objects are read-only too, so
	 * no code holding the token can change what was checked.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> deepUnmodifiable(Map<String, Object> claims) {
		LinkedHashMap<String, Object> copy = new LinkedHashMap<>(claims.size() * 2);
		for (Map.Entry<String, Object> entry : claims.entrySet()) {
			copy.put(entry.getKey(), deepValue(entry.getValue()));
		}
		return Collections.unmodifiableMap(copy);
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object deepValue(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			return deepUnmodifiable((Map<String, Object>) map);
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>(list.size());
			for (Object item : list) {
				copy.add(deepValue(item));
			}
			return Collections.unmodifiableList(copy);
		}
		return value;
	}

	private static List<String> stringList(@Nullable Object value) {
		if (value instanceof String text) {
			return List.of(text);
		}
		if (value instanceof Collection<?> collection) {
			List<String> result = new ArrayList<>(collection.size());
			for (Object item : collection) {
				if (item instanceof String text) {
					result.add(text);
				}
			}
			return Collections.unmodifiableList(result);
		}
		return List.of();
	}

	@Override
	public String toString() {
		return "ValidatedToken[sub=" + getSubject() + ", iss=" + getIssuer() + ", aud=" + getAudiences() + ", exp="
				+ this.expiresAt + ", alg=" + this.algorithm + ", kid=" + this.keyId + "]";
	}

}
