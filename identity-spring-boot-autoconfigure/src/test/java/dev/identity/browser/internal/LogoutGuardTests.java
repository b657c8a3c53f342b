package dev.identity.browser.internal;

import java.security.SecureRandom;

import dev.identity.browser.ApplicationUrl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a logout comes from: the browser's Fetch Metadata and {@code Origin} first, the
 * confirmation page's token otherwise.
 */
class LogoutGuardTests {

	private static final ApplicationUrl APP = new ApplicationUrl("https", "App.Example.com", 443, "/shop");

	private final LogoutGuard guard = new LogoutGuard(new SecureRandom());

	@Test
	void checkWhenBrowserSaysSameOriginThenAllowed() {
		assertThat(this.guard.check("same-origin", null, APP)).isEqualTo(LogoutGuard.Verdict.ALLOWED);
		// Sec-Fetch-Site is the browser's own word; an Origin it made null (a no-referrer
		// page) changes nothing.
		assertThat(this.guard.check("same-origin", "null", APP)).isEqualTo(LogoutGuard.Verdict.ALLOWED);
		assertThat(this.guard.check(null, "https://app.example.com", APP)).isEqualTo(LogoutGuard.Verdict.ALLOWED);
		assertThat(this.guard.check("none", "https://app.example.com", APP)).isEqualTo(LogoutGuard.Verdict.ALLOWED);
	}

	@Test
	void checkWhenBrowserSaysAnotherSiteThenRefusedWhateverTheOrigin() {
		assertThat(this.guard.check("cross-site", null, APP)).isEqualTo(LogoutGuard.Verdict.REFUSED);
		assertThat(this.guard.check("Cross-Site", "https://app.example.com", APP))
			.isEqualTo(LogoutGuard.Verdict.REFUSED);
		// Another host of the same site may be another tenant's.
		assertThat(this.guard.check("same-site", "https://app.example.com", APP))
			.isEqualTo(LogoutGuard.Verdict.REFUSED);
	}

	@Test
	void checkWhenHeadersDoNotTellThenTokenRequired() {
		assertThat(this.guard.check(null, null, APP)).isEqualTo(LogoutGuard.Verdict.TOKEN_REQUIRED);
		assertThat(this.guard.check(null, "null", APP)).isEqualTo(LogoutGuard.Verdict.TOKEN_REQUIRED);
		assertThat(this.guard.check(null, "https://evil.example", APP)).isEqualTo(LogoutGuard.Verdict.TOKEN_REQUIRED);
		// Same host, another scheme or port: another origin.
		assertThat(this.guard.check(null, "http://app.example.com", APP)).isEqualTo(LogoutGuard.Verdict.TOKEN_REQUIRED);
		assertThat(this.guard.check(null, "https://app.example.com:8443", APP))
			.isEqualTo(LogoutGuard.Verdict.TOKEN_REQUIRED);
		assertThat(this.guard.check(null, "https://app.example.com.evil.example", APP))
			.isEqualTo(LogoutGuard.Verdict.TOKEN_REQUIRED);
		assertThat(this.guard.check("unknown-value", null, APP)).isEqualTo(LogoutGuard.Verdict.TOKEN_REQUIRED);
	}

	@Test
	void checkWhenApplicationOnAPortOrIpv6ThenOriginComparedAsBrowsersSerializeIt() {
		assertThat(this.guard.check(null, "http://127.0.0.1:8080", new ApplicationUrl("http", "127.0.0.1", 8080, "")))
			.isEqualTo(LogoutGuard.Verdict.ALLOWED);
		assertThat(this.guard.check(null, "http://[::1]:8080", new ApplicationUrl("http", "::1", 8080, "")))
			.isEqualTo(LogoutGuard.Verdict.ALLOWED);
		assertThat(this.guard.check(null, "http://127.0.0.1", new ApplicationUrl("http", "127.0.0.1", 80, "")))
			.isEqualTo(LogoutGuard.Verdict.ALLOWED);
	}

	@Test
	void tokenMatchesWhenTheSessionsTokenIsSentThenTrueElseFalse() {
		String token = this.guard.newToken();
		assertThat(token).hasSize(43).isNotEqualTo(this.guard.newToken());
		assertThat(this.guard.tokenMatches(new String(token.toCharArray()), token)).isTrue();
		assertThat(this.guard.tokenMatches(token + "x", token)).isFalse();
		assertThat(this.guard.tokenMatches(token.substring(1), token)).isFalse();
		assertThat(this.guard.tokenMatches(null, token)).isFalse();
		assertThat(this.guard.tokenMatches(token, null)).isFalse();
		assertThat(this.guard.tokenMatches("", "")).isFalse();
		assertThat(this.guard.tokenMatches(token, 42)).isFalse();
	}

	@Test
	void allowsWhenHeadersDoNotTellThenOnlyWithTheSessionsTokenAndNeverAgainstTheBrowsersWord() {
		String token = this.guard.newToken();
		assertThat(this.guard.allows("same-origin", null, APP, null, null)).isTrue();
		assertThat(this.guard.allows(null, "https://app.example.com", APP, null, token)).isTrue();
		assertThat(this.guard.allows(null, null, APP, token, token)).isTrue();
		assertThat(this.guard.allows(null, "https://evil.example", APP, token, token)).isTrue();
		assertThat(this.guard.allows(null, null, APP, null, token)).isFalse();
		assertThat(this.guard.allows(null, null, APP, "guessed", token)).isFalse();
		assertThat(this.guard.allows(null, "null", APP, token, null)).isFalse();
		// The browser's word that the request comes from another site outweighs the
		// token.
		assertThat(this.guard.allows("cross-site", null, APP, token, token)).isFalse();
		assertThat(this.guard.allows("same-site", "https://app.example.com", APP, token, token)).isFalse();
	}

	@Test
	void pageWhenRenderedThenEveryValueEscapedAndNothingLoaded() {
		String html = LogoutPage.html("/shop\"><script>alert(1)</script>/logout", "t<o>k\"en&");
		assertThat(html)
			.contains("<form method=\"post\" action=\"/shop&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;/logout\">")
			.contains("<input type=\"hidden\" name=\"logout_token\" value=\"t&lt;o&gt;k&quot;en&amp;\">")
			// Spring Security's CsrfFilter reads _csrf as its own token.
			.doesNotContain("_csrf")
			.doesNotContain("<script")
			.doesNotContain("src=")
			.doesNotContain("href=");
		assertThat(LogoutPage.HEADERS).containsEntry("Cache-Control", "no-store")
			.containsEntry("X-Frame-Options", "DENY")
			.hasEntrySatisfying("Content-Security-Policy",
					(policy) -> assertThat(policy).contains("default-src 'none'").contains("frame-ancestors 'none'"));
	}

}
