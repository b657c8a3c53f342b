package dev.identity.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.identity.core.internal.LogSafeText;
import dev.identity.core.internal.validation.ClaimRules;
import dev.identity.core.internal.validation.NumericDate;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A token introspection response (RFC 7662 §2.2): whether the token is active and, if so,
 * what the provider says about it.
 */
public final class IntrospectionResult {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** {@code token_type} values of access tokens (RFC 6750, RFC 9449), in lower case. */
	private static final Set<String> ACCESS_TOKEN_TYPES = Set.of("bearer", "dpop");

	private static final IntrospectionResult INACTIVE = new IntrospectionResult(false, Map.of());

	private final boolean active;

	private final Map<String, Object> claims;

	private IntrospectionResult(boolean active, Map<String, Object> claims) {
		this.active = active;
		this.claims = claims;
	}

	/**
	 * Parse a 200 introspection response.
	 * @param body the JSON body
	 * @return the result
	 * @throws IllegalArgumentException when it is not a JSON object with a boolean
	 * {@code active}
	 */
	public static IntrospectionResult parse(String body) {
		Map<String, Object> json;
		try {
			json = JSON.readValue(body, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("introspection response is not a JSON object");
		}
		if (json == null || !(json.get("active") instanceof Boolean active)) {
			throw new IllegalArgumentException("introspection response has no boolean 'active'");
		}
		// RFC 7662 §2.2: an inactive token's other members must not be relied on.
		return active ? new IntrospectionResult(true, Collections.unmodifiableMap(json)) : INACTIVE;
	}

	public static IntrospectionResult inactive() {
		return INACTIVE;
	}

	/** Whether the provider considers the token active. */
	public boolean isActive() {
		return this.active;
	}

	/** Every member of the response; empty for an inactive token. */
	public Map<String, Object> getClaims() {
		return this.claims;
	}

	public @Nullable String getSubject() {
		return (this.claims.get("sub") instanceof String sub) ? sub : null;
	}

	public @Nullable String getClientId() {
		return (this.claims.get("client_id") instanceof String id) ? id : null;
	}

	public @Nullable String getUsername() {
		return (this.claims.get("username") instanceof String name) ? name : null;
	}

	/** Scopes from the space-separated {@code scope} member. */
	public Set<String> getScopes() {
		Set<String> scopes = new LinkedHashSet<>();
		if (this.claims.get("scope") instanceof String scope) {
			for (String part : scope.split(" ")) {
				if (!part.isEmpty()) {
					scopes.add(part);
				}
			}
		}
		return Collections.unmodifiableSet(scopes);
	}

	/** {@code exp}, or {@code null}. */
	public @Nullable Instant getExpiresAt() {
		return NumericDate.instant(this.claims.get("exp"));
	}

	/**
	 * Apply the validation policy to an active result, as a resource server in
	 * opaque-token mode does: issuer (when the provider names one), audience, expiry and
	 * not-before with clock skew, required claims.
	 * @param token the token that was introspected
	 * @param policy the policy
	 * @param now the current time
	 * @return the token as validated
	 * @throws InvalidTokenException when inactive or when a check fails
	 */
	public ValidatedToken toValidatedToken(String token, ValidationPolicy policy, Instant now) {
		return toValidatedToken(token, policy, now, true);
	}

	/**
	 * Apply the validation policy to an active result, as a resource server in
	 * opaque-token mode does, and check that the token is an access token: an active
	 * refresh token is not one.
	 * @param token the token that was introspected
	 * @param policy the policy
	 * @param now the current time
	 * @param requireTokenType whether a response without {@code token_type} is refused
	 * (the only mark of an access token that every provider gives); when {@code false},
	 * only a response that names another type is refused
	 * @return the token as validated
	 * @throws InvalidTokenException when inactive, not an access token, or when a check
	 * fails
	 */
	public ValidatedToken toValidatedToken(String token, ValidationPolicy policy, Instant now,
			boolean requireTokenType) {
		List<TokenCheckFailure> failures = new ArrayList<>();
		if (!this.active) {
			throw InvalidTokenException.of(TokenCheck.INTROSPECTION,
					"the provider reports the token inactive " + "(expired, revoked or unknown)");
		}
		String notAccessToken = notAnAccessToken(requireTokenType);
		if (notAccessToken != null) {
			throw InvalidTokenException.of(TokenCheck.TYPE, notAccessToken);
		}
		long skew = policy.getClockSkew().getSeconds();
		Object iss = this.claims.get("iss");
		if (iss != null && !policy.getIssuer().equals(iss)) {
			failures.add(new TokenCheckFailure(TokenCheck.ISSUER,
					"iss '" + LogSafeText.of(String.valueOf(iss)) + "' is not the configured issuer"));
		}
		if (!policy.getAudiences().isEmpty()) {
			List<String> audiences = audiences(this.claims.get("aud"));
			if (audiences.stream().noneMatch(policy.getAudiences()::contains)) {
				failures.add(new TokenCheckFailure(TokenCheck.AUDIENCE,
						"aud " + audiences + " holds none of the configured audiences " + policy.getAudiences()));
			}
		}
		Instant exp = getExpiresAt();
		if (exp != null && !now.isBefore(exp.plusSeconds(skew))) {
			failures.add(new TokenCheckFailure(TokenCheck.EXPIRY, "token expired at " + exp));
		}
		Instant nbf = NumericDate.instant(this.claims.get("nbf"));
		if (nbf != null && now.plusSeconds(skew).isBefore(nbf)) {
			failures.add(new TokenCheckFailure(TokenCheck.NOT_BEFORE, "token is not valid before " + nbf));
		}
		for (String name : policy.getRequiredClaims()) {
			if (this.claims.get(name) == null) {
				failures
					.add(new TokenCheckFailure(TokenCheck.REQUIRED_CLAIM, "required claim '" + name + "' is missing"));
			}
		}
		if (!failures.isEmpty()) {
			throw new InvalidTokenException(failures);
		}
		ValidatedToken validated = new ValidatedToken(token, null, null, null, this.claims,
				(exp != null) ? exp : Instant.MAX);
		return ClaimRules.checkApplicationRules(policy, validated, now);
	}

	/**
	 * {@code token_type} (RFC 7662 §2.2: a type of RFC 6749 §7.1, e.g. {@code Bearer}),
	 * or {@code null}.
	 */
	public @Nullable String getTokenType() {
		return (this.claims.get("token_type") instanceof String type) ? type : null;
	}

	/**
	 * Why the introspected token is not an access token, or {@code null} when it is one.
	 * An access token's {@code token_type} is a type of RFC 6749 §7.1 ({@code Bearer},
	 * {@code DPoP}); a refresh token has another or none (Spring Authorization Server
	 * names none). Keycloak's {@code typ} and Ory Hydra's {@code token_use} say it too,
	 * when present.
	 */
	private @Nullable String notAnAccessToken(boolean requireTokenType) {
		Object tokenType = this.claims.get("token_type");
		if (tokenType != null && !ACCESS_TOKEN_TYPES.contains(String.valueOf(tokenType).toLowerCase(Locale.ROOT))) {
			return "token_type '" + LogSafeText.of(String.valueOf(tokenType), 40) + "' is not an access token";
		}
		Object typ = this.claims.get("typ");
		if (typ instanceof String text && !ACCESS_TOKEN_TYPES.contains(text.toLowerCase(Locale.ROOT))
				&& !"at+jwt".equalsIgnoreCase(text)) {
			return "typ '" + LogSafeText.of(text, 40) + "' is not an access token";
		}
		Object use = this.claims.get("token_use");
		if (use != null && !"access_token".equals(use)) {
			return "token_use '" + LogSafeText.of(String.valueOf(use), 40) + "' is not an access token";
		}
		if (tokenType == null && requireTokenType) {
			return "the introspection response names no token_type, so the token may be a refresh token";
		}
		return null;
	}

	private static List<String> audiences(@Nullable Object aud) {
		if (aud instanceof String text) {
			return List.of(text);
		}
		if (aud instanceof Collection<?> values) {
			return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
		}
		return List.of();
	}

	@Override
	public String toString() {
		return this.active ? "IntrospectionResult[active, sub=" + getSubject() + ", client_id=" + getClientId() + "]"
				: "IntrospectionResult[inactive]";
	}

}
