package dev.identity.browser;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.login.PendingLogin;
import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseCookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Logins in progress kept by the browser: sealed, one cookie each, bounded in bytes, readable only under
 * the key that sealed them.
 */
class PendingLoginCookiesTests {

	private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

	private static final String SHARED_KEY = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');

	private final PendingLoginCookies cookies = cookies(null);

	@Test
	void writeWhenALoginStartsThenOneSealedCookieThatReadsBack() {
		PendingLogin login = login("a", "/orders?id=7", NOW);
		List<ResponseCookie> written = this.cookies.write(PendingLogins.empty(), logins(login), false);
		assertThat(written).singleElement().satisfies((cookie) -> {
			assertThat(cookie.getName()).startsWith("identity-login-");
			assertThat(cookie.getPath()).isEqualTo("/");
			assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofMinutes(10));
			assertThat(cookie.isHttpOnly()).isTrue();
			assertThat(cookie.isSecure()).isFalse();
			assertThat(cookie.getSameSite()).isEqualTo("Lax");
			assertThat(cookie.getName() + cookie.getValue()).doesNotContain(login.state())
				.doesNotContain(login.nonce())
				.doesNotContain(login.codeVerifier())
				.doesNotContain("orders");
		});
		assertThat(this.cookies.read(request(written)).asList()).containsExactly(login);
	}

	@Test
	void writeWhenRequestCameOverHttpsThenSecureWithTheHostPrefix() {
		PendingLogin login = login("a", null, NOW);
		List<ResponseCookie> written = this.cookies.write(PendingLogins.empty(), logins(login), true);
		assertThat(written).singleElement().satisfies((cookie) -> {
			assertThat(cookie.getName()).startsWith("__Host-identity-login-");
			assertThat(cookie.isSecure()).isTrue();
			assertThat(cookie.getPath()).isEqualTo("/");
			assertThat(cookie.getDomain()).isNull();
		});
		assertThat(this.cookies.read(request(written)).asList()).containsExactly(login);
	}

	@Test
	void readWhenValueChangedMovedOrSealedUnderAnotherKeyThenIgnored() {
		PendingLogin login = login("a", null, NOW);
		ResponseCookie cookie = this.cookies.write(PendingLogins.empty(), logins(login), false).get(0);
		String value = cookie.getValue();
		char changed = (value.charAt(20) == 'A') ? 'B' : 'A';
		String tampered = value.substring(0, 20) + changed + value.substring(21);
		assertThat(this.cookies.read(Map.of(cookie.getName(), List.of(tampered))).isEmpty()).isTrue();
		assertThat(this.cookies.read(Map.of(cookie.getName(), List.of(value.substring(0, value.length() - 1))))
			.isEmpty()).isTrue();
		assertThat(this.cookies.read(Map.of(cookie.getName(), List.of("not-base64!")))).satisfies(
				(read) -> assertThat(read.isEmpty()).isTrue());
		// Under another login's name: the name is authenticated with the value.
		String otherName = this.cookies.write(PendingLogins.empty(), logins(login("b", null, NOW)), false)
			.get(0)
			.getName();
		assertThat(this.cookies.read(Map.of(otherName, List.of(value))).isEmpty()).isTrue();
		// Another instance's random key, or this one's after a restart.
		assertThat(cookies(null).read(request(List.of(cookie))).isEmpty()).isTrue();
	}

	@Test
	void readWhenInstancesShareTheConfiguredKeyThenEachReadsTheOthers() {
		PendingLogin login = login("a", null, NOW);
		List<ResponseCookie> written = cookies(SHARED_KEY).write(PendingLogins.empty(), logins(login), false);
		assertThat(cookies(SHARED_KEY).read(request(written)).asList()).containsExactly(login);
		assertThat(cookies(null).read(request(written)).isEmpty()).isTrue();
	}

	@Test
	void readWhenSeveralTabsStartedLoginsThenAllOldestFirst() {
		PendingLogin first = login("a", "/one", NOW);
		PendingLogin second = login("b", "/two", NOW.plusSeconds(5));
		List<ResponseCookie> written = new ArrayList<>(
				this.cookies.write(PendingLogins.empty(), logins(second), false));
		// The tabs' requests ran concurrently: neither saw the other's cookie, and both are kept.
		written.addAll(this.cookies.write(PendingLogins.empty(), logins(first), false));
		assertThat(this.cookies.read(request(written)).asList()).containsExactly(first, second);
	}

	@Test
	void writeWhenACallbackSpendsALoginThenOnlyItsCookieIsRemoved() {
		PendingLogin first = login("a", null, NOW);
		PendingLogin second = login("b", null, NOW.plusSeconds(1));
		List<ResponseCookie> set = this.cookies.write(PendingLogins.empty(), logins(first, second), false);
		PendingLogins before = this.cookies.read(request(set));
		List<ResponseCookie> written = this.cookies.write(before, logins(second), false);
		assertThat(written).singleElement().satisfies((cookie) -> {
			assertThat(cookie.getName()).isEqualTo(set.get(0).getName());
			assertThat(cookie.getValue()).isEmpty();
			assertThat(cookie.getMaxAge()).isZero();
			assertThat(cookie.getPath()).isEqualTo("/");
		});
	}

	@Test
	void writeWhenLoginsExceedTheByteBudgetThenOldestDroppedAndNewestKept() {
		String longest = "/" + "x".repeat(PendingLogin.MAX_RETURN_TO_LENGTH - 1);
		PendingLogin first = login("a", "/short", NOW);
		PendingLogin second = login("b", longest, NOW.plusSeconds(1));
		PendingLogins before = this.cookies.read(request(this.cookies.write(PendingLogins.empty(), logins(first, second),
				false)));
		assertThat(before.size()).isEqualTo(2);
		PendingLogin third = login("c", longest, NOW.plusSeconds(2));
		List<ResponseCookie> written = this.cookies.write(before, logins(first, second, third), false);
		assertThat(written).filteredOn((cookie) -> cookie.getMaxAge().isZero()).hasSize(2);
		List<ResponseCookie> kept = written.stream().filter((cookie) -> !cookie.getMaxAge().isZero()).toList();
		assertThat(kept).singleElement().satisfies((cookie) -> {
			// A browser keeps cookies of up to 4096 bytes, name and value together.
			assertThat(cookie.getName().length() + cookie.getValue().length()).isLessThan(4096);
		});
		assertThat(this.cookies.read(request(kept)).asList()).containsExactly(third);
	}

	@Test
	void readWhenARequestCarriesMoreCookiesThanABrowserKeepsThenOnlySixteenAreOpened() {
		List<ResponseCookie> written = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			written.addAll(this.cookies.write(PendingLogins.empty(), logins(login("s" + i, null, NOW)), false));
		}
		assertThat(this.cookies.read(request(written)).size()).isEqualTo(16);
	}

	@Test
	void constructorWhenKeyIsNotThirtyTwoBytesOfBase64ThenStartupErrorNamesThePropertyAndHidesTheValue() {
		for (String key : List.of("c2VjcmV0LXZhbHVl", "not base64 at all", " ",
				Base64.getEncoder().encodeToString(new byte[16]))) {
			assertThatExceptionOfType(InvalidIdentityConfigurationException.class).as(key)
				.isThrownBy(() -> cookies(key))
				.satisfies((ex) -> {
					assertThat(ex.getProblems()).singleElement().satisfies((problem) -> {
						assertThat(problem.property()).isEqualTo("identity.login.pending-login-key");
						assertThat(problem.value()).isEqualTo("(hidden)");
						assertThat(problem.reason()).contains("32 random bytes in base64");
					});
					if (!key.isBlank()) {
						assertThat(ex.getMessage()).doesNotContain(key);
					}
				});
		}
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		assertThat(cookies(Base64.getEncoder().encodeToString(key))).isNotNull();
		assertThat(cookies(Base64.getUrlEncoder().withoutPadding().encodeToString(key))).isNotNull();
	}

	private static PendingLoginCookies cookies(String key) {
		BrowserLoginProperties properties = new BrowserLoginProperties();
		properties.setPendingLoginKey(key);
		return new PendingLoginCookies(properties);
	}

	private static PendingLogins logins(PendingLogin... logins) {
		return PendingLogins.of(List.of(logins));
	}

	/** The cookies as the next request carries them. */
	private static Map<String, List<String>> request(List<ResponseCookie> cookies) {
		Map<String, List<String>> request = new LinkedHashMap<>();
		for (ResponseCookie cookie : cookies) {
			if (!cookie.getMaxAge().isZero()) {
				request.computeIfAbsent(cookie.getName(), (name) -> new ArrayList<>()).add(cookie.getValue());
			}
		}
		return request;
	}

	private static PendingLogin login(String id, String returnTo, Instant createdAt) {
		return new PendingLogin("https://idp.example.com", true, URI.create("https://app.example.com/login/callback"),
				"state-" + id + "-" + "s".repeat(40), "nonce-" + id + "-" + "n".repeat(40),
				"verifier-" + id + "-" + "v".repeat(40), Duration.ofMinutes(5), returnTo, createdAt);
	}

}
