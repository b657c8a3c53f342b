package dev.identity.browser.internal;

import org.jspecify.annotations.Nullable;

/**
 * Which request is which endpoint of the browser login: the configured login, register,
 * callback and logout paths, each with the methods it answers. Every other request is the
 * application's. Thread-safe.
 */
public final class BrowserLoginRoutes {

	private final String loginPath;

	private final String registerPath;

	private final String callbackPath;

	private final String logoutPath;

	BrowserLoginRoutes(BrowserLoginSettings settings) {
		this.loginPath = settings.loginPath;
		this.registerPath = settings.registerPath;
		this.callbackPath = settings.callbackPath;
		this.logoutPath = settings.logoutPath;
	}

	/**
	 * The endpoint a request is for.
	 * @param method the HTTP method
	 * @param path the path within the application (without the context path)
	 * @return the endpoint, or {@code null} when the request is the application's
	 */
	public @Nullable Endpoint endpoint(String method, String path) {
		boolean get = "GET".equals(method);
		if (path.equals(this.loginPath)) {
			return get ? Endpoint.LOGIN : null;
		}
		if (path.equals(this.registerPath)) {
			return get ? Endpoint.REGISTER : null;
		}
		if (path.equals(this.callbackPath)) {
			return get ? Endpoint.CALLBACK : null;
		}
		if (path.equals(this.logoutPath)) {
			return get ? Endpoint.LOGOUT_PAGE : "POST".equals(method) ? Endpoint.LOGOUT : null;
		}
		return null;
	}

	/** Path of the login endpoint within the application. */
	public String getLoginPath() {
		return this.loginPath;
	}

	/** Path of the callback endpoint within the application. */
	public String getCallbackPath() {
		return this.callbackPath;
	}

	/** Path of the logout endpoint within the application. */
	public String getLogoutPath() {
		return this.logoutPath;
	}

	/** The endpoints of the browser login. */
	public enum Endpoint {

		/** {@code GET} login path: start a login. */
		LOGIN,
		/** {@code GET} register path: start a login on the sign-up page. */
		REGISTER,
		/** {@code GET} callback path: complete a login. */
		CALLBACK,
		/** {@code GET} logout path: the page that asks to confirm the logout. */
		LOGOUT_PAGE,
		/**
		 * {@code POST} logout path: end the session, when {@link LogoutGuard} allows it.
		 */
		LOGOUT

	}

}
