package dev.identity.browser.internal;

import java.net.URI;
import java.security.DrbgParameters;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.browser.BrowserLoginProperties;
import dev.identity.login.internal.PendingLogin;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Logins in progress kept by the browser: sealed, one cookie each, bounded in bytes,
 * readable only under the key that sealed them.
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
		assertThat(this.cookies.read(request(written), false).asList()).containsExactly(login);
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
		assertThat(this.cookies.read(request(written), true).asList()).containsExactly(login);
	}

	@Test
	void readWhenValueChangedMovedOrSealedUnderAnotherKeyThenIgnored() {
		PendingLogin login = login("a", null, NOW);
		ResponseCookie cookie = this.cookies.write(PendingLogins.empty(), logins(login), false).get(0);
		String value = cookie.getValue();
		char changed = (value.charAt(20) == 'A') ? 'B' : 'A';
		String tampered = value.substring(0, 20) + changed + value.substring(21);
		assertThat(this.cookies.read(Map.of(cookie.getName(), List.of(tampered)), false).isEmpty()).isTrue();
		assertThat(this.cookies.read(Map.of(cookie.getName(), List.of(value.substring(0, value.length() - 1))), false)
			.isEmpty()).isTrue();
		assertThat(this.cookies.read(Map.of(cookie.getName(), List.of("not-base64!")), false))
			.satisfies((read) -> assertThat(read.isEmpty()).isTrue());
		// Under another login's name: the name is authenticated with the value.
		String otherName = this.cookies.write(PendingLogins.empty(), logins(login("b", null, NOW)), false)
			.get(0)
			.getName();
		assertThat(this.cookies.read(Map.of(otherName, List.of(value)), false).isEmpty()).isTrue();
		// Another instance's random key, or this one's after a restart.
		assertThat(cookies(null).read(request(List.of(cookie)), false).isEmpty()).isTrue();
	}

	@Test
	void readWhenInstancesShareTheConfiguredKeyThenEachReadsTheOthers() {
		PendingLogin login = login("a", null, NOW);
		List<ResponseCookie> written = cookies(SHARED_KEY).write(PendingLogins.empty(), logins(login), false);
		assertThat(cookies(SHARED_KEY).read(request(written), false).asList()).containsExactly(login);
		assertThat(cookies(null).read(request(written), false).isEmpty()).isTrue();
	}

	@Test
	void readWhenSeveralTabsStartedLoginsThenAllOldestFirst() {
		PendingLogin first = login("a", "/one", NOW);
		PendingLogin second = login("b", "/two", NOW.plusSeconds(5));
		List<ResponseCookie> written = new ArrayList<>(
				this.cookies.write(PendingLogins.empty(), logins(second), false));
		// The tabs' requests ran concurrently: neither saw the other's cookie, and both
		// are kept.
		written.addAll(this.cookies.write(PendingLogins.empty(), logins(first), false));
		assertThat(this.cookies.read(request(written), false).asList()).containsExactly(first, second);
	}

	@Test
	void writeWhenACallbackSpendsALoginThenOnlyItsCookieIsRemoved() {
		PendingLogin first = login("a", null, NOW);
		PendingLogin second = login("b", null, NOW.plusSeconds(1));
		List<ResponseCookie> set = this.cookies.write(PendingLogins.empty(), logins(first, second), false);
		PendingLogins before = this.cookies.read(request(set), false);
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
		PendingLogins before = this.cookies
			.read(request(this.cookies.write(PendingLogins.empty(), logins(first, second), false)), false);
		assertThat(before.size()).isEqualTo(2);
		PendingLogin third = login("c", longest, NOW.plusSeconds(2));
		List<ResponseCookie> written = this.cookies.write(before, logins(first, second, third), false);
		assertThat(written).filteredOn((cookie) -> cookie.getMaxAge().isZero()).hasSize(2);
		List<ResponseCookie> kept = written.stream().filter((cookie) -> !cookie.getMaxAge().isZero()).toList();
		assertThat(kept).singleElement().satisfies((cookie) -> {
			// A browser keeps cookies of up to 4096 bytes, name and value together.
			assertThat(cookie.getName().length() + cookie.getValue().length()).isLessThan(4096);
		});
		assertThat(this.cookies.read(request(kept), false).asList()).containsExactly(third);
	}

	@Test
	void readWhenARequestCarriesMoreCookiesThanABrowserKeepsThenOnlySixteenAreOpened() {
		List<ResponseCookie> written = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			written.addAll(this.cookies.write(PendingLogins.empty(), logins(login("s" + i, null, NOW)), false));
		}
		assertThat(this.cookies.read(request(written), false).size()).isEqualTo(16);
	}

	@Test
	void readWhenHttpsAndACookieLacksTheHostPrefixThenIgnored() {
		PendingLogin real = login("real", null, NOW);
		PendingLogin planted = login("planted", null, NOW);
		// Sealed under the same key for a name without the prefix: as an instance serving
		// /login over plain
		// HTTP seals it, and as another host of the site or a network attacker over HTTP
		// can plant it.
		List<ResponseCookie> written = new ArrayList<>(
				this.cookies.write(PendingLogins.empty(), logins(planted), false));
		written.addAll(this.cookies.write(PendingLogins.empty(), logins(real), true));
		assertThat(written.get(0).getName()).startsWith("identity-login-");
		assertThat(this.cookies.read(request(written), true).asList()).containsExactly(real);
		// Over HTTP the cookies are the unprefixed ones this application sets there.
		assertThat(this.cookies.read(request(written), false).asList()).containsExactly(planted);
	}

	@Test
	void readWhenJunkCookiesComeFirstThenTheRealOneIsStillRead() {
		PendingLogin real = login("real", null, NOW);
		ResponseCookie cookie = this.cookies.write(PendingLogins.empty(), logins(real), true).get(0);
		String id = cookie.getName().substring("__Host-identity-login-".length());
		Map<String, List<String>> request = new LinkedHashMap<>();
		// Browsers send cookies with longer paths first: a planted cookie can precede the
		// real one.
		for (int i = 0; i < 20; i++) {
			String junk = "x".repeat(21) + (char) ('a' + i);
			request.put("__Host-identity-login-" + i, List.of(cookie.getValue()));
			request.put("__Host-identity-login-" + id + i, List.of(cookie.getValue()));
			request.put("__Host-identity-login-" + junk.substring(1) + ".", List.of(cookie.getValue()));
			// Well-formed names: values no browser keeps, and values that are not sealed
			// values at all.
			request.put("__Host-identity-login-" + junk, List.of("AQAA" + "A".repeat(4996), "not-base64!", ""));
		}
		request.put(cookie.getName(), List.of(cookie.getValue()));
		assertThat(this.cookies.read(request, true).asList()).containsExactly(real);
	}

	@Test
	void writeWhenACallbackAnswersALoginThenItsCookieIsRemovedUnderTheNameItCameIn() {
		PendingLogin login = login("a", null, NOW);
		List<ResponseCookie> set = this.cookies.write(PendingLogins.empty(), logins(login), true);
		PendingLogins before = this.cookies.read(request(set), true);
		// Whatever the caller now takes the scheme to be, the cookie the browser holds is
		// the one removed.
		assertThat(this.cookies.write(before, PendingLogins.empty(), false)).singleElement().satisfies((cookie) -> {
			assertThat(cookie.getName()).isEqualTo(set.get(0).getName());
			assertThat(cookie.getMaxAge()).isZero();
			// A browser lets only a Secure cookie replace a __Host- one.
			assertThat(cookie.isSecure()).isTrue();
			assertThat(cookie.getPath()).isEqualTo("/");
		});
	}

	@Test
	void openWhenValueIsMissingOrLongerThanABrowserKeepsThenNullWithoutAnException() {
		PendingLoginCodec codec = new PendingLoginCodec(new SecretKeySpec(new byte[32], "AES"), new SecureRandom());
		assertThat(codec.open(null, "identity-login-x")).isNull();
		// A value of more than 4 KB, though sealed under this key, is no cookie of a
		// browser's.
		PendingLogin large = new PendingLogin("https://idp.example.com/" + "i".repeat(4000), false,
				URI.create("https://app.example.com/login/callback"), "s".repeat(43), "n".repeat(43), "v".repeat(43),
				null, null, NOW);
		String value = codec.seal(large, "identity-login-x");
		assertThat(value.length()).isGreaterThan(PendingLoginCodec.MAX_VALUE_LENGTH);
		assertThat(codec.open(value, "identity-login-x")).isNull();
		PendingLogin small = login("a", null, NOW);
		assertThat(codec.open(codec.seal(small, "identity-login-x"), "identity-login-x")).isEqualTo(small);
	}

	@Test
	void createWhenTheDefaultKeyIsMadeThenTheGeneratorHas256BitStrength() {
		assertThat(SeededRandom.create().getParameters()).isInstanceOfSatisfying(DrbgParameters.Instantiation.class,
				(parameters) -> {
					assertThat(parameters.getStrength()).isEqualTo(256);
					// Prediction resistance would read the entropy source on every call,
					// on event loops too.
					assertThat(parameters.getCapability().supportsPredictionResistance()).isFalse();
				});
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
