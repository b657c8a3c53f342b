package dev.identity.browser.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

import dev.identity.browser.ApplicationUrl;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a {@code POST} to the logout endpoint comes from the application's own
 * pages, so that another site cannot end a user's sessions (cross-site request forgery).
 * The endpoint applies it itself, whatever the filter order and whether or not Spring
 * Security's CSRF protection runs.
 * <p>
 * The browser's word counts first. {@code Sec-Fetch-Site: same-origin}, or, from a
 * browser that does not send it, an {@code Origin} equal to the application's, allows the
 * logout. {@code Sec-Fetch-Site:
 * cross-site} or {@code same-site} refuses it, whatever else the request carries. Any
 * other request (no such header, {@code Origin: null}, another origin) must carry the
 * token of the confirmation page in the {@value #TOKEN_PARAMETER} form field: a page of
 * another site cannot read it. A client that is not a browser sends an {@code Origin}
 * header naming the application, or posts that token.
 * <p>
 * Thread-safe.
 */
public final class LogoutGuard {

	/**
	 * Form field carrying the confirmation page's token. Not {@code _csrf}, which Spring
	 * Security's {@code CsrfFilter} reads as its own token.
	 */
	public static final String TOKEN_PARAMETER = "logout_token";

	/** Session attribute holding the session's logout token. */
	public static final String TOKEN_ATTRIBUTE = LogoutGuard.class.getName() + ".TOKEN";

	/** The text of a refused logout. */
	public static final String REFUSED = "Logout refused: the request did not come from this application's pages.";

	private static final int TOKEN_BYTES = 32;

	private final SecureRandom random;

	/** A guard with its own generator of tokens, seeded now. */
	public LogoutGuard() {
		this(SeededRandom.create());
	}

	LogoutGuard(SecureRandom random) {
		this.random = Objects.requireNonNull(random, "random");
	}

	/**
	 * Whether to log out: what the headers say ({@link #check}) and, when they do not
	 * tell, whether the request carries the session's token ({@link #tokenMatches}).
	 * @param fetchSite the {@code Sec-Fetch-Site} header, or {@code null}
	 * @param origin the {@code Origin} header, or {@code null}
	 * @param application where the request reached the application
	 * @param sentToken the {@value #TOKEN_PARAMETER} form field, or {@code null}
	 * @param sessionToken the session's {@value #TOKEN_ATTRIBUTE} attribute, or
	 * {@code null}
	 * @return whether the logout comes from the application's own pages
	 */
	public boolean allows(@Nullable String fetchSite, @Nullable String origin, ApplicationUrl application,
			@Nullable String sentToken, @Nullable Object sessionToken) {
		return switch (check(fetchSite, origin, application)) {
			case ALLOWED -> true;
			case REFUSED -> false;
			case TOKEN_REQUIRED -> tokenMatches(sentToken, sessionToken);
		};
	}

	/**
	 * What the request's headers say about where a logout comes from.
	 * @param fetchSite the {@code Sec-Fetch-Site} header, or {@code null}
	 * @param origin the {@code Origin} header, or {@code null}
	 * @param application where the request reached the application
	 * @return the verdict
	 */
	public Verdict check(@Nullable String fetchSite, @Nullable String origin, ApplicationUrl application) {
		if (fetchSite != null) {
			String site = fetchSite.strip().toLowerCase(Locale.ROOT);
			if (site.equals("same-origin")) {
				return Verdict.ALLOWED;
			}
			if (site.equals("cross-site") || site.equals("same-site")) {
				return Verdict.REFUSED;
			}
		}
		if (origin != null && origin.strip().equalsIgnoreCase(application.origin())) {
			return Verdict.ALLOWED;
		}
		return Verdict.TOKEN_REQUIRED;
	}

	/**
	 * Whether a request carries the session's token, compared in constant time.
	 * @param sent the {@value #TOKEN_PARAMETER} form field, or {@code null}
	 * @param expected the session's {@value #TOKEN_ATTRIBUTE} attribute, or {@code null}
	 * @return whether both are present and equal
	 */
	public boolean tokenMatches(@Nullable String sent, @Nullable Object expected) {
		return sent != null && expected instanceof String token && !token.isEmpty()
				&& MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A new token for a session that has none yet.
	 * @return 256 random bits in base64url
	 */
	public String newToken() {
		byte[] token = new byte[TOKEN_BYTES];
		this.random.nextBytes(token);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
	}

	@Override
	public String toString() {
		return "LogoutGuard";
	}

	/** Where a logout comes from, as far as the headers tell. */
	public enum Verdict {

		/** From the application's own pages: log out. */
		ALLOWED,
		/** From another site: refuse with {@code 403}. */
		REFUSED,
		/** The headers do not tell: log out only with the session's token. */
		TOKEN_REQUIRED

	}

}
