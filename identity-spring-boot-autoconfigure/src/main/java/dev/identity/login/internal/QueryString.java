package dev.identity.login.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Appends query parameters to a provider endpoint. Values are percent-encoded as UTF-8,
 * leaving only the unreserved characters of RFC 3986 §2.3 as they are, so the result
 * means the same to every parser (a space is {@code %20}, never {@code +}).
 */
public final class QueryString {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private final String endpointName;

	private final StringBuilder text;

	private final Set<String> names = new HashSet<>();

	private QueryString(String endpointName, URI endpoint) {
		this.endpointName = endpointName;
		if (!endpoint.isAbsolute() || endpoint.getRawAuthority() == null) {
			throw new IllegalArgumentException(endpointName + " '" + endpoint + "' is not an absolute URL");
		}
		if (endpoint.getRawFragment() != null) {
			throw new IllegalArgumentException(
					endpointName + " '" + endpoint + "' must not have a fragment " + "(RFC 6749 §3.1)");
		}
		this.text = new StringBuilder(endpoint.toString());
		// A query already in the endpoint is kept (OpenID Connect Core §3.1.2.1); its
		// names are
		// remembered because a parameter must not be sent twice (RFC 6749 §3.1).
		String query = endpoint.getRawQuery();
		if (query != null) {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				this.names
					.add(URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8));
			}
		}
	}

	/**
	 * Start a query on an endpoint.
	 * @param endpointName how messages name the endpoint, e.g.
	 * {@code authorization_endpoint}
	 * @param endpoint the endpoint, which may carry a query of its own
	 * @return the query
	 */
	public static QueryString on(String endpointName, URI endpoint) {
		return new QueryString(endpointName, endpoint);
	}

	/** Add a parameter; a {@code null} value adds nothing. */
	public QueryString add(String name, @Nullable String value) {
		if (value == null) {
			return this;
		}
		if (!this.names.add(name)) {
			throw new IllegalArgumentException(
					"parameter '" + name + "' would be sent twice to the " + this.endpointName + " (RFC 6749 §3.1)");
		}
		// Without a fragment, the first '?' is where the query starts.
		char last = this.text.charAt(this.text.length() - 1);
		if (this.text.indexOf("?") < 0) {
			this.text.append('?');
		}
		else if (last != '?' && last != '&') {
			this.text.append('&');
		}
		encode(name, this.text);
		this.text.append('=');
		encode(value, this.text);
		return this;
	}

	public URI toUri() {
		return URI.create(this.text.toString());
	}

	private static void encode(String value, StringBuilder result) {
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if (isUnreserved(c)) {
				result.append(c);
			}
			else {
				result.append('%').append(HEX[(b >> 4) & 0x0F]).append(HEX[b & 0x0F]);
			}
		}
	}

	/** {@code ALPHA / DIGIT / "-" / "." / "_" / "~"} (RFC 3986 §2.3). */
	static boolean isUnreserved(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

}
