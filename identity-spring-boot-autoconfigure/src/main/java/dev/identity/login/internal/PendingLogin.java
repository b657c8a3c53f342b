package dev.identity.login.internal;

import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a client keeps server-side (in the session) between sending the browser to the
 * provider and receiving the callback: the values that bind the callback and the ID token
 * to this one login (OpenID Connect Core §3.1.2.1, RFC 7636 §4.1, RFC 9207 §2.4).
 * <p>
 * {@link #toString()} shows neither {@code state}, {@code nonce} nor the code verifier.
 * Instances are {@link Serializable} for session stores; deserialization runs the same
 * checks as the constructor.
 *
 * @param issuer the issuer the authorization request was sent to; the callback's
 * {@code iss} and the ID token's {@code iss} must equal it
 * @param issuerParameterRequired whether the provider announces
 * {@code authorization_response_iss_parameter_supported}, so a callback without
 * {@code iss} is rejected (RFC 9207 §2.4)
 * @param redirectUri the {@code redirect_uri} of the request, sent again with the code
 * (RFC 6749 §4.1.3)
 * @param state the {@code state} value, binding the callback to this browser session
 * @param nonce the {@code nonce} value, binding the ID token to this login
 * @param codeVerifier the PKCE code verifier, sent with the code
 * @param maxAuthenticationAge the {@code max_age} requested, or {@code null}; when set,
 * the ID token's {@code auth_time} must be no older
 * @param returnTo the local path to show after login, or {@code null}
 * @param createdAt when the authorization request was created
 */
public record PendingLogin(String issuer, boolean issuerParameterRequired, URI redirectUri, String state, String nonce,
		String codeVerifier, @Nullable Duration maxAuthenticationAge, @Nullable String returnTo,
		Instant createdAt) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Longest {@code returnTo} kept, in characters. A pending login must stay small
	 * wherever it is kept (a cookie holds 4 KB), and a path longer than this is no page a
	 * login sends anyone back to.
	 */
	public static final int MAX_RETURN_TO_LENGTH = 2048;

	/**
	 * Check every value.
	 * @throws IllegalArgumentException when a value is blank or malformed, the redirect
	 * URI is not an absolute URI without fragment, or {@code returnTo} is not a local
	 * path of at most {@value #MAX_RETURN_TO_LENGTH} characters
	 */
	public PendingLogin {
		requireText(issuer, "issuer");
		requireRedirectUri(redirectUri);
		requireText(state, "state");
		requireText(nonce, "nonce");
		Pkce.requireVerifier(codeVerifier);
		if (maxAuthenticationAge != null && maxAuthenticationAge.isNegative()) {
			throw new IllegalArgumentException("max_age must not be negative");
		}
		requireLocalPath(returnTo);
		Objects.requireNonNull(createdAt, "createdAt");
	}

	/**
	 * Whether a callback's {@code state} is this login's, compared in constant time so
	 * that timing does not reveal how much of a guess was right.
	 * @param candidate the {@code state} of the callback, or {@code null} when it had
	 * none
	 * @return whether it matches
	 */
	public boolean matchesState(@Nullable String candidate) {
		return candidate != null && MessageDigest.isEqual(this.state.getBytes(StandardCharsets.UTF_8),
				candidate.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Whether this login was started longer ago than the given age, so its callback is
	 * refused: a pending login left in a session must not stay redeemable forever.
	 * @param maxAge how long a login may take
	 * @param now the current time
	 * @return whether it is too old
	 */
	public boolean isOlderThan(Duration maxAge, Instant now) {
		Objects.requireNonNull(maxAge, "maxAge");
		Objects.requireNonNull(now, "now");
		return now.isAfter(this.createdAt.plus(maxAge));
	}

	static void requireRedirectUri(@Nullable URI redirectUri) {
		Objects.requireNonNull(redirectUri, "redirectUri");
		if (!redirectUri.isAbsolute() || redirectUri.getRawFragment() != null) {
			throw new IllegalArgumentException("redirect URI must be absolute and have no fragment (RFC 6749 §3.1.2)");
		}
	}

	/**
	 * A "return to" value must stay on this site: an absolute or scheme-relative URL
	 * taken from a request would make the login endpoint an open redirector (RFC 9700
	 * §4.11). Backslashes and control characters are refused because browsers read
	 * {@code /\evil} and {@code /<TAB>/evil} as {@code //evil}. Its length is capped so
	 * that no request can make a pending login large.
	 */
	static void requireLocalPath(@Nullable String returnTo) {
		if (returnTo == null) {
			return;
		}
		if (returnTo.length() > MAX_RETURN_TO_LENGTH) {
			throw new IllegalArgumentException("return-to must be at most " + MAX_RETURN_TO_LENGTH + " characters");
		}
		if (!returnTo.startsWith("/") || returnTo.startsWith("//")) {
			throw new IllegalArgumentException("return-to must be a local path starting with a single '/'");
		}
		for (int i = 0; i < returnTo.length(); i++) {
			char c = returnTo.charAt(i);
			if (c <= 0x20 || c >= 0x7f || c == '\\') {
				throw new IllegalArgumentException(
						"return-to must be a percent-encoded ASCII path without spaces, control characters or '\\'");
			}
		}
		try {
			URI uri = new URI(returnTo);
			if (uri.getScheme() != null || uri.getRawAuthority() != null) {
				throw new IllegalArgumentException("return-to must be a local path, not a URL");
			}
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("return-to is not a valid URI path");
		}
	}

	private static void requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	@Override
	public String toString() {
		return "PendingLogin[issuer=" + this.issuer + ", redirectUri=" + this.redirectUri + ", returnTo="
				+ this.returnTo + ", maxAuthenticationAge=" + this.maxAuthenticationAge + ", createdAt="
				+ this.createdAt + "]";
	}

}
