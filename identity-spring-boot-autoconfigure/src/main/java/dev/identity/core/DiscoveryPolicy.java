package dev.identity.core;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.identity.core.internal.LogSafeText;

/**
 * Rules a discovery document must follow before any of its URLs is used.
 *
 * @param requireIssuerMatch whether the document's {@code issuer} must equal the
 * configured issuer (OpenID Connect Discovery §4.3)
 * @param requireHttps whether every URL must use HTTPS, loopback hosts excepted
 * @param requireSameHost whether every endpoint must be on the issuer's host
 */
public record DiscoveryPolicy(boolean requireIssuerMatch, boolean requireHttps, boolean requireSameHost) {

	/** Every check on. */
	public static final DiscoveryPolicy STRICT = new DiscoveryPolicy(true, true, true);

	/**
	 * The URL of the discovery document of an issuer.
	 * @param issuer the issuer identifier
	 * @return {@code {issuer}/.well-known/openid-configuration}
	 */
	public static URI discoveryUri(URI issuer) {
		String text = issuer.toString();
		if (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		return URI.create(text + "/.well-known/openid-configuration");
	}

	/**
	 * Check an issuer URL on its own (at start-up, before any request).
	 * @param issuer the configured issuer
	 * @return the problems, empty when none
	 */
	public List<String> checkIssuer(URI issuer) {
		List<String> problems = new ArrayList<>(1);
		if (!issuer.isAbsolute() || issuer.getHost() == null) {
			problems.add("must be an absolute URL with a host");
			return problems;
		}
		if (issuer.getQuery() != null || issuer.getFragment() != null) {
			problems.add("must not have a query or fragment (OpenID Connect Discovery §2)");
		}
		checkScheme("issuer", issuer, problems);
		return problems;
	}

	/**
	 * Check a document against this policy.
	 * @param document the document
	 * @param issuer the configured issuer
	 * @return the violations, empty when the document may be used
	 */
	public List<String> check(DiscoveryDocument document, URI issuer) {
		List<String> problems = new ArrayList<>(2);
		if (this.requireIssuerMatch && !document.getIssuer().equals(issuer.toString())) {
			problems.add("document issuer '" + LogSafeText.of(document.getIssuer())
					+ "' differs from the configured issuer '" + issuer + "' (fix identity.issuer-uri, or set "
					+ "identity.discovery.require-issuer-match=false for a provider known to differ)");
		}
		if (document.getJwksUri() == null) {
			problems.add("document has no jwks_uri");
		}
		for (String name : DiscoveryDocument.URL_MEMBERS) {
			URI uri = document.uri(name);
			if (uri == null) {
				continue;
			}
			checkScheme(name, uri, problems);
			if (this.requireSameHost && !uri.getHost().equalsIgnoreCase(issuer.getHost())) {
				problems.add(name + " is on host '" + uri.getHost() + "', not the issuer's host '" + issuer.getHost()
						+ "' (set identity.discovery.require-same-host=false if the provider serves it elsewhere)");
			}
		}
		return problems;
	}

	private void checkScheme(String name, URI uri, List<String> problems) {
		if (this.requireHttps && !"https".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
			problems.add(name + " '" + uri + "' does not use HTTPS (only loopback hosts may use http; "
					+ "identity.discovery.require-https=false turns the check off)");
		}
	}

	/**
	 * Whether a host names the loopback interface, judged from the literal alone (no DNS
	 * lookup).
	 * @param host the host
	 * @return whether it is {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}
	 */
	public static boolean isLoopback(String host) {
		String h = host.toLowerCase(Locale.ROOT);
		if (h.equals("localhost") || h.endsWith(".localhost")) {
			return true;
		}
		if (h.equals("[::1]") || h.equals("::1")) {
			return true;
		}
		String[] parts = h.split("\\.", -1);
		if (parts.length != 4 || !parts[0].equals("127")) {
			return false;
		}
		for (String part : parts) {
			if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
					|| Integer.parseInt(part) > 255) {
				return false;
			}
		}
		return true;
	}

}
