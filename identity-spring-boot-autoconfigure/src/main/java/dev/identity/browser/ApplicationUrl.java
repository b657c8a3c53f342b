package dev.identity.browser;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the application is reached, as the server sees the current request: scheme, host,
 * port and context path. Forwarded headers count only when something already applied them
 * to the request (Spring's {@code ForwardedHeaderFilter} or
 * {@code ForwardedHeaderTransformer}, or the server's own support): trusting them here
 * would let any client choose the redirect URI.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the host name or IP address
 * @param port the port, or {@code -1} for the scheme's default
 * @param contextPath the context path, empty or starting with {@code /}, not ending with
 * one
 */
public record ApplicationUrl(String scheme, String host, int port, String contextPath) {

	public ApplicationUrl {
		Objects.requireNonNull(scheme, "scheme");
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(contextPath, "contextPath");
		scheme = scheme.toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new IllegalArgumentException("scheme must be http or https");
		}
		if (host.isEmpty()) {
			throw new IllegalArgumentException("host must not be empty");
		}
		if (!contextPath.isEmpty() && (!contextPath.startsWith("/") || contextPath.endsWith("/"))) {
			throw new IllegalArgumentException("context path must be empty or start with '/' and not end with one");
		}
	}

	/**
	 * The absolute URL of a path of the application.
	 * @param path a path starting with {@code /}, relative to the context path
	 * @return the URL
	 */
	public URI absolute(String path) {
		return URI.create(base(this.host) + local(path));
	}

	/**
	 * The application's origin as a browser serializes it in an {@code Origin} header
	 * (RFC 6454 §6.1): scheme and host in lower case, the port only when it is not the
	 * scheme's default.
	 * @return the origin, e.g. {@code https://app.example.com}
	 */
	public String origin() {
		return base(this.host.toLowerCase(Locale.ROOT));
	}

	/** Whether the request reached the application over HTTPS. */
	public boolean isSecure() {
		return this.scheme.equals("https");
	}

	private String base(String host) {
		StringBuilder url = new StringBuilder(this.scheme).append("://");
		// An IPv6 literal needs its brackets in a URL; servers hand it over with or
		// without them.
		boolean bareIpv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
		url.append(bareIpv6 ? "[" + host + "]" : host);
		boolean defaultPort = this.port < 0 || (this.port == 80 && this.scheme.equals("http"))
				|| (this.port == 443 && this.scheme.equals("https"));
		if (!defaultPort) {
			url.append(':').append(this.port);
		}
		return url.toString();
	}

	/**
	 * A path of the application as the browser addresses it on this server.
	 * @param path a path starting with {@code /}, relative to the context path
	 * @return the context path followed by the path
	 */
	public String local(String path) {
		return this.contextPath + path;
	}

}
