package dev.identity.login;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import dev.identity.core.TokenResponse;
import dev.identity.core.ValidatedToken;
import org.jspecify.annotations.Nullable;

/**
 * The user of a completed login: who they are, from the validated ID token (OpenID
 * Connect Core §2, §5.1), and the tokens to act for them (RFC 6749 §5.1).
 * {@link #toString()} shows no token and no personal data beyond the subject.
 */
public final class AuthenticatedUser implements Serializable {

	// Kept in HTTP sessions, which Spring Session may serialize to a shared store.
	private static final long serialVersionUID = 1L;

	private final ValidatedToken idToken;

	private final String accessToken;

	private final @Nullable String refreshToken;

	private final Instant accessTokenExpiresAt;

	private final Set<String> scopes;

	private AuthenticatedUser(ValidatedToken idToken, String accessToken, @Nullable String refreshToken,
			Instant accessTokenExpiresAt, Set<String> scopes) {
		this.idToken = idToken;
		this.accessToken = accessToken;
		this.refreshToken = refreshToken;
		this.accessTokenExpiresAt = accessTokenExpiresAt;
		this.scopes = scopes;
	}

	/**
	 * The user of a token response whose ID token was validated.
	 * @param idToken the ID token, validated by {@link IdTokenValidator}
	 * @param tokens the token response it came with
	 * @return the user; the access token expires {@code expires_in} after the response
	 * arrived or, when the provider sent no {@code expires_in}, with the ID token
	 * @throws IllegalArgumentException when the ID token is not the response's
	 */
	public static AuthenticatedUser of(ValidatedToken idToken, TokenResponse tokens) {
		Objects.requireNonNull(idToken, "idToken");
		Objects.requireNonNull(tokens, "tokens");
		if (!idToken.getTokenValue().equals(tokens.getIdToken())) {
			throw new IllegalArgumentException("the ID token is not the one of this token response");
		}
		if (idToken.getSubject() == null) {
			throw new IllegalArgumentException("the ID token has no subject; validate it with IdTokenValidator");
		}
		Instant expiresAt = (tokens.getExpiresIn() != null) ? tokens.getIssuedAt().plus(tokens.getExpiresIn())
				: idToken.getExpiresAt();
		return new AuthenticatedUser(idToken, tokens.getAccessToken(), tokens.getRefreshToken(), expiresAt,
				tokens.getScopes());
	}

	/** {@code sub}: the user's identifier at the issuer, stable and never reassigned. */
	public String getSubject() {
		return Objects.requireNonNull(this.idToken.getSubject());
	}

	/**
	 * {@code iss}: together with {@link #getSubject()} the only unique key of a user
	 * (OpenID Connect Core §5.7).
	 */
	public String getIssuer() {
		return this.idToken.getIssuer();
	}

	/** {@code name}, or {@code null}. */
	public @Nullable String getName() {
		return this.idToken.getClaimAsString("name");
	}

	/** {@code preferred_username}, or {@code null}; not unique, not stable. */
	public @Nullable String getPreferredUsername() {
		return this.idToken.getClaimAsString("preferred_username");
	}

	/**
	 * {@code email}, or {@code null}; check {@link #isEmailVerified()} before trusting
	 * it.
	 */
	public @Nullable String getEmail() {
		return this.idToken.getClaimAsString("email");
	}

	/** Whether {@code email_verified} is {@code true}. */
	public boolean isEmailVerified() {
		return Boolean.TRUE.equals(this.idToken.getClaim("email_verified"));
	}

	/** {@code picture}: URL of a profile picture, or {@code null}. */
	public @Nullable String getPicture() {
		return this.idToken.getClaimAsString("picture");
	}

	/**
	 * The validated ID token, for every other claim and for {@code id_token_hint} at
	 * logout.
	 */
	public ValidatedToken getIdToken() {
		return this.idToken;
	}

	/** {@code access_token}, to call APIs for the user; never log it. */
	public String getAccessToken() {
		return this.accessToken;
	}

	/** {@code refresh_token}, or {@code null}; never log it. */
	public @Nullable String getRefreshToken() {
		return this.refreshToken;
	}

	/** When the access token expires. */
	public Instant getAccessTokenExpiresAt() {
		return this.accessTokenExpiresAt;
	}

	/**
	 * Scopes the provider reported as granted; empty when it granted the requested ones
	 * silently.
	 */
	public Set<String> getScopes() {
		return this.scopes;
	}

	/**
	 * Whether the login still holds: the access token has not expired. When it has, a
	 * refresh token (if any) may renew it; otherwise the user logs in again.
	 * @param now the current time
	 * @return whether the access token is still valid
	 */
	public boolean isAuthenticated(Instant now) {
		Objects.requireNonNull(now, "now");
		return now.isBefore(this.accessTokenExpiresAt);
	}

	@Override
	public String toString() {
		return "AuthenticatedUser[sub=" + getSubject() + ", iss=" + getIssuer() + ", accessTokenExpiresAt="
				+ this.accessTokenExpiresAt + ", refreshToken=" + ((this.refreshToken != null) ? "present" : "absent")
				+ "]";
	}

}
