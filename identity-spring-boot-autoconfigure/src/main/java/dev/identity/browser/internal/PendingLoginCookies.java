package dev.identity.browser.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.browser.BrowserLoginProperties;
import dev.identity.login.internal.PendingLogin;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseCookie;

/**
 * Keeps the browser's pending logins in the browser: one cookie per login, sealed by
 * {@link PendingLoginCodec}, living no longer than
 * {@code identity.login.max-pending-age}. So a login that has not completed costs the
 * server nothing: a flood of anonymous {@code /login} requests creates no session and
 * cannot push out the logins of real visitors, and several tabs each keep their own.
 * <p>
 * Cookies are {@code HttpOnly}, {@code SameSite=Lax} (sent on the provider's redirect
 * back, a top-level navigation) and on {@code Path=/}. Over HTTPS (the request's scheme
 * or an {@code https} redirect URI, see {@link BrowserLoginFlow#isSecure}) they are
 * {@code Secure} and carry the {@code __Host-} prefix, so no other host of the site can
 * plant one, and only such cookies are read. A browser holds at most
 * {@code identity.login.max-pending-logins} of them, and at most {@value #MAX_BYTES}
 * bytes in all: the oldest are dropped first, so a request never grows too large for the
 * server's header limit.
 * <p>
 * The server keeps no record of a login: its callback has the browser delete the cookie,
 * but a copy of the cookie stays valid for {@code max-pending-age}. What a copy is worth
 * is bounded by the provider, whose code is redeemed once and only with the PKCE verifier
 * sealed in the cookie.
 * <p>
 * The key is {@code identity.login.pending-login-key}, shared by every instance that may
 * receive a callback, or by default a random key for each start.
 */
public final class PendingLoginCookies {

	/** The property naming the key. */
	public static final String KEY_PROPERTY = "identity.login.pending-login-key";

	/**
	 * Most bytes of pending-login cookies (names and values) a browser sends with one
	 * request.
	 */
	static final int MAX_BYTES = 4096;

	private static final String NAME = "identity-login-";

	private static final String SECURE_NAME = "__Host-" + NAME;

	/**
	 * Characters of a login's id in its cookie name: 132 bits of the hash of its
	 * {@code state}.
	 */
	private static final int ID_LENGTH = 22;

	private static final int KEY_BYTES = 32;

	/** Cookie values decrypted for one request at most. */
	static final int MAX_READ = 16;

	private final PendingLoginCodec codec;

	private final Duration maxAge;

	/**
	 * Cookies for the login configured by these properties.
	 * @param properties the {@code identity.login.*} properties: the key and the longest
	 * a login may take
	 * @throws InvalidIdentityConfigurationException when the key is set but not 32 bytes
	 * in base64
	 */
	public PendingLoginCookies(BrowserLoginProperties properties) {
		this(properties, SeededRandom.create());
	}

	PendingLoginCookies(BrowserLoginProperties properties, SecureRandom random) {
		this(key(properties.getPendingLoginKey(), random), random, properties.getMaxPendingAge());
	}

	PendingLoginCookies(SecretKey key, SecureRandom random, Duration maxAge) {
		this.codec = new PendingLoginCodec(key, random);
		this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
	}

	/**
	 * The pending logins a request's cookies carry. Cookies that do not open (another
	 * key, another name, a changed value) are not this application's and are ignored.
	 * <p>
	 * Over HTTPS only {@code __Host-} cookies count: a browser accepts those only from
	 * this host over HTTPS, whereas a cookie without the prefix may have been planted by
	 * another host of the site or over plain HTTP, to slip in a login of the attacker's
	 * (login CSRF) or to crowd out the real one. Names other than the prefix and a
	 * login's 22-character id, and values longer than a browser keeps, are skipped
	 * without decoding, and only values that take a decryption count against the limit of
	 * {@value #MAX_READ}.
	 * @param cookies the request's cookies, values by name
	 * @param secure whether the login runs over HTTPS ({@link BrowserLoginFlow#isSecure})
	 * @return the logins, oldest first
	 */
	public PendingLogins read(Map<String, ? extends List<String>> cookies, boolean secure) {
		String prefix = prefix(secure);
		List<PendingLogin> logins = new ArrayList<>();
		Map<PendingLogin, String> names = new HashMap<>();
		int decrypted = 0;
		for (Map.Entry<String, ? extends List<String>> cookie : cookies.entrySet()) {
			String name = cookie.getKey();
			if (!isLoginCookie(name, prefix)) {
				continue;
			}
			for (String value : cookie.getValue()) {
				byte[] sealed = PendingLoginCodec.sealedBytes(value);
				if (sealed == null) {
					continue;
				}
				if (decrypted++ == MAX_READ) {
					return sorted(logins, names);
				}
				PendingLogin login = this.codec.decrypt(sealed, name);
				if (login != null && !logins.contains(login)) {
					logins.add(login);
					names.put(login, name);
				}
			}
		}
		return sorted(logins, names);
	}

	/**
	 * The cookies that take the browser from one set of pending logins to the next: a new
	 * login is set, an answered or dropped one removed, under the name of the cookie it
	 * came in. Past {@value #MAX_BYTES} bytes, the oldest logins are dropped too; the
	 * newest is always kept.
	 * @param before the logins the request's cookies carried ({@link #read})
	 * @param after the logins the browser should keep
	 * @param secure whether the login runs over HTTPS ({@link BrowserLoginFlow#isSecure})
	 * @return the cookies to add to the response
	 */
	public List<ResponseCookie> write(PendingLogins before, PendingLogins after, boolean secure) {
		List<PendingLogin> kept = new ArrayList<>(after.asList());
		int bytes = 0;
		for (PendingLogin login : kept) {
			bytes += size(login, secure);
		}
		while (kept.size() > 1 && bytes > MAX_BYTES) {
			bytes -= size(kept.remove(0), secure);
		}
		List<ResponseCookie> cookies = new ArrayList<>();
		for (PendingLogin login : before.asList()) {
			if (!kept.contains(login)) {
				String read = before.cookieName(login);
				String name = (read != null) ? read : name(login, secure);
				// A __Host- cookie is replaced, and so removed, only by a Secure one.
				cookies.add(cookie(name, "", Duration.ZERO, secure || name.startsWith(SECURE_NAME)));
			}
		}
		for (PendingLogin login : kept) {
			if (!before.asList().contains(login)) {
				String name = name(login, secure);
				cookies.add(cookie(name, this.codec.seal(login, name), this.maxAge, secure));
			}
		}
		return cookies;
	}

	private int size(PendingLogin login, boolean secure) {
		return name(login, secure).length() + 1 + this.codec.sealedLength(login);
	}

	private static ResponseCookie cookie(String name, String value, Duration maxAge, boolean secure) {
		return ResponseCookie.from(name, value)
			.path("/")
			.maxAge(maxAge)
			.httpOnly(true)
			.secure(secure)
			.sameSite("Lax")
			.build();
	}

	/**
	 * A login's cookie name: derived from its {@code state} by a hash, so that the name
	 * tells nothing of the value and each login has its own cookie.
	 */
	private static String name(PendingLogin login, boolean secure) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(login.state().getBytes(StandardCharsets.UTF_8));
			String id = Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, ID_LENGTH);
			return prefix(secure) + id;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is unavailable", ex);
		}
	}

	private static String prefix(boolean secure) {
		return secure ? SECURE_NAME : NAME;
	}

	/**
	 * Whether a name is the prefix and an id in base64url, as {@link #name} makes them.
	 */
	private static boolean isLoginCookie(String name, String prefix) {
		if (name.length() != prefix.length() + ID_LENGTH || !name.startsWith(prefix)) {
			return false;
		}
		for (int i = prefix.length(); i < name.length(); i++) {
			char c = name.charAt(i);
			boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_';
			if (!base64url) {
				return false;
			}
		}
		return true;
	}

	private static PendingLogins sorted(List<PendingLogin> logins, Map<PendingLogin, String> names) {
		logins.sort(Comparator.comparing(PendingLogin::createdAt));
		return PendingLogins.of(logins, names);
	}

	private static SecretKey key(@Nullable String configured, SecureRandom random) {
		if (configured == null) {
			byte[] key = new byte[KEY_BYTES];
			random.nextBytes(key);
			return new SecretKeySpec(key, "AES");
		}
		InvalidIdentityConfigurationException.Problem problem = keyProblem(configured);
		if (problem != null) {
			throw new InvalidIdentityConfigurationException(List.of(problem));
		}
		return new SecretKeySpec(Objects.requireNonNull(decode(configured.strip())), "AES");
	}

	/**
	 * The problem of a configured {@code pending-login-key}, or {@code null} when it is
	 * valid or not set. The value is never shown: it is a secret.
	 */
	static InvalidIdentityConfigurationException.@Nullable Problem keyProblem(@Nullable String configured) {
		if (configured == null) {
			return null;
		}
		byte[] key = decode(configured.strip());
		if (key == null || key.length != KEY_BYTES) {
			String found = (key == null) ? "it is not base64" : "it decodes to " + key.length + " bytes";
			return new InvalidIdentityConfigurationException.Problem(KEY_PROPERTY, "(hidden)",
					"must be " + KEY_BYTES + " random bytes in base64 (e.g. the output of "
							+ "'openssl rand -base64 32'), the same on every instance; " + found
							+ ". Leave the property out to use a random key for each start");
		}
		return null;
	}

	private static byte @Nullable [] decode(String text) {
		for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
			try {
				return decoder.decode(text);
			}
			catch (IllegalArgumentException ex) {
				// Try the other alphabet.
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return "PendingLoginCookies[maxAge=" + this.maxAge + "]";
	}

}
