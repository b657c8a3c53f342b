package dev.identity.browser;

import dev.identity.core.IdentityException;

/**
 * A handler needs a logged-in user (it declares a non-null {@code AuthenticatedUser}
 * parameter) and the session has none. The browser login answers it as
 * {@link LoginNegotiation#loginRedirect} decides: a page navigation is sent to the login
 * endpoint and comes back afterwards, any other request gets {@code 401}. An
 * application's own exception handler for this type takes precedence.
 */
public class LoginRequiredException extends IdentityException {

	private static final long serialVersionUID = 1L;

	public LoginRequiredException() {
		super("This request needs a logged-in user and the session has none");
	}

}
