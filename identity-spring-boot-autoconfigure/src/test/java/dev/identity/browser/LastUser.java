package dev.identity.browser;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import dev.identity.login.AuthenticatedUser;

/**
 * The user a test application's page last saw, so a test can inspect the tokens of a real
 * login without any page showing them.
 */
public final class LastUser {

	private final AtomicReference<AuthenticatedUser> user = new AtomicReference<>();

	public void set(AuthenticatedUser user) {
		this.user.set(user);
	}

	public AuthenticatedUser get() {
		return Objects.requireNonNull(this.user.get(), "no page has seen a user yet");
	}

}
