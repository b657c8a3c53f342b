package dev.identity.browser.internal;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.identity.login.internal.PendingLogin;
import org.jspecify.annotations.Nullable;

/**
 * The logins a browser has started and not completed yet, oldest first, bounded: each tab
 * may start its own login, and the callback of any of them finds its own. The browser
 * keeps them, each in a cookie of its own (see {@link PendingLoginCookies}); immutable.
 * <p>
 * {@link #toString()} shows neither {@code state}, {@code nonce} nor code verifiers.
 */
public final class PendingLogins implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private static final PendingLogins EMPTY = new PendingLogins(List.of(), Map.of());

	private final List<PendingLogin> logins;

	/** The name of the cookie each login came in, for the logins read from a request. */
	private final Map<PendingLogin, String> cookieNames;

	private PendingLogins(List<PendingLogin> logins, Map<PendingLogin, String> cookieNames) {
		this.logins = List.copyOf(logins);
		this.cookieNames = Map.copyOf(cookieNames);
	}

	/** No login in progress. */
	public static PendingLogins empty() {
		return EMPTY;
	}

	/**
	 * These logins, in the given order.
	 * @param logins the logins, oldest first
	 * @return the set
	 */
	static PendingLogins of(List<PendingLogin> logins) {
		return of(logins, Map.of());
	}

	/**
	 * These logins, read from a request's cookies.
	 * @param logins the logins, oldest first
	 * @param cookieNames the name of the cookie each came in
	 * @return the set
	 */
	static PendingLogins of(List<PendingLogin> logins, Map<PendingLogin, String> cookieNames) {
		return logins.isEmpty() ? EMPTY : new PendingLogins(logins, cookieNames);
	}

	/**
	 * These logins and one more, without those older than {@code maxAge} and, past
	 * {@code maxCount}, the oldest ones: an abandoned login must not stay redeemable, and
	 * a browser's cookies must not grow without end.
	 * @param login the login just started
	 * @param maxCount most logins to keep, at least one
	 * @param maxAge how long a login may take
	 * @param now the current time
	 * @return the new set
	 */
	public PendingLogins with(PendingLogin login, int maxCount, Duration maxAge, Instant now) {
		Objects.requireNonNull(login, "login");
		if (maxCount < 1) {
			throw new IllegalArgumentException("at least one pending login must be kept");
		}
		List<PendingLogin> kept = new ArrayList<>(this.logins.size() + 1);
		for (PendingLogin existing : this.logins) {
			if (!existing.isOlderThan(maxAge, now)) {
				kept.add(existing);
			}
		}
		kept.add(login);
		return new PendingLogins(kept.subList(Math.max(0, kept.size() - maxCount), kept.size()), this.cookieNames);
	}

	/**
	 * The login a callback's {@code state} answers. Every login is compared, each in
	 * constant time, so that timing tells nothing about a guess.
	 * @param state the callback's {@code state}, or {@code null}
	 * @return the login, or {@code null} when none matches
	 */
	public @Nullable PendingLogin find(@Nullable String state) {
		PendingLogin found = null;
		for (PendingLogin login : this.logins) {
			if (login.matchesState(state)) {
				found = login;
			}
		}
		return found;
	}

	/**
	 * These logins without one, answered by its callback.
	 * @param login the login to drop
	 * @return the new set
	 */
	public PendingLogins without(PendingLogin login) {
		List<PendingLogin> kept = new ArrayList<>(this.logins);
		kept.remove(login);
		return kept.isEmpty() ? EMPTY : new PendingLogins(kept, this.cookieNames);
	}

	/**
	 * The name of the cookie a login came in.
	 * @param login one of these logins
	 * @return the name, or {@code null} when the login was not read from a request
	 */
	@Nullable String cookieName(PendingLogin login) {
		return this.cookieNames.get(login);
	}

	/** The logins, oldest first. */
	public List<PendingLogin> asList() {
		return this.logins;
	}

	/** Number of logins in progress. */
	public int size() {
		return this.logins.size();
	}

	/** Whether no login is in progress. */
	public boolean isEmpty() {
		return this.logins.isEmpty();
	}

	@Override
	public String toString() {
		return "PendingLogins[" + this.logins.size() + "]";
	}

}
