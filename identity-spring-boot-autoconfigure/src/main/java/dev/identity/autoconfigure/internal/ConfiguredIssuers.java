package dev.identity.autoconfigure.internal;

import java.net.URI;
import java.util.Iterator;
import java.util.Map;

import dev.identity.autoconfigure.IdentityIssuerProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Whether an issuer is configured, read from the environment before the properties are
 * bound (by conditions and start-up checks): {@code identity.issuer-uri}, or any
 * {@code identity.issuers.<name>.issuer-uri}.
 */
public final class ConfiguredIssuers {

	private ConfiguredIssuers() {
	}

	/**
	 * The name of a named issuer's property, as start-up reports give it.
	 * @param issuer the issuer's name
	 * @param key the property under the issuer, e.g. {@code issuer-uri}
	 * @return {@code identity.issuers.<issuer>.<key>}
	 */
	public static String issuerProperty(String issuer, String key) {
		return "identity.issuers." + issuer + "." + key;
	}

	/**
	 * Whether any issuer is configured: {@code identity.issuer-uri}, or the URI of any
	 * issuer under {@code identity.issuers}. One named issuer with a URI is enough: one
	 * declared before it without a URI is then a start-up problem its engine's settings
	 * report, not a reason for the starter to stay off without a word. Other values
	 * without any URI switch nothing on, as {@code identity.audiences} alone does not.
	 * @param environment the environment
	 * @return whether any issuer URI is set
	 */
	public static boolean any(Environment environment) {
		return StringUtils.hasText(environment.getProperty("identity.issuer-uri"))
				|| issuers(environment).values().stream().anyMatch((issuer) -> issuer.getIssuerUri() != null);
	}

	/**
	 * The property to set when no issuer is configured.
	 * @param environment the environment
	 * @return {@code identity.issuers.<first>.issuer-uri} when issuers are declared by
	 * name, else {@code identity.issuer-uri}
	 */
	public static String missingIssuerUriProperty(Environment environment) {
		Iterator<String> names = issuers(environment).keySet().iterator();
		return names.hasNext() ? issuerProperty(names.next(), "issuer-uri") : "identity.issuer-uri";
	}

	/**
	 * The first named issuer's {@code issuer-uri} property that is set.
	 * @param environment the environment
	 * @return {@code identity.issuers.<name>.issuer-uri} of the first issuer declared
	 * with one, else {@code identity.issuers}
	 */
	public static String firstIssuerUriProperty(Environment environment) {
		for (Map.Entry<String, IdentityIssuerProperties> issuer : issuers(environment).entrySet()) {
			if (issuer.getValue().getIssuerUri() != null) {
				return issuerProperty(issuer.getKey(), "issuer-uri");
			}
		}
		return "identity.issuers";
	}

	/**
	 * The property that gives the first issuer's engine its client id.
	 * @param environment the environment
	 * @return {@code identity.issuers.<first>.client-id} when that issuer sets its own,
	 * else {@code identity.client-id} when set; {@code null} when neither is
	 */
	public static @Nullable String firstClientIdProperty(Environment environment) {
		if (!StringUtils.hasText(environment.getProperty("identity.issuer-uri"))) {
			Iterator<Map.Entry<String, IdentityIssuerProperties>> issuers = issuers(environment).entrySet().iterator();
			Map.Entry<String, IdentityIssuerProperties> first = issuers.hasNext() ? issuers.next() : null;
			if (first != null && StringUtils.hasText(first.getValue().getClientId())) {
				return issuerProperty(first.getKey(), "client-id");
			}
		}
		return StringUtils.hasText(environment.getProperty("identity.client-id")) ? "identity.client-id" : null;
	}

	/**
	 * The issuer URI the engine of the first issuer uses.
	 * @param environment the environment
	 * @return {@code identity.issuer-uri}, else the first declared issuer's
	 * {@code identity.issuers.<name>.issuer-uri}; {@code null} when it is not set
	 */
	public static @Nullable String first(Environment environment) {
		String single = environment.getProperty("identity.issuer-uri");
		if (StringUtils.hasText(single)) {
			return single;
		}
		// The first declared, as the engines take it: one without an issuer-uri is a
		// start-up problem of its own, not a reason to take the next.
		Iterator<IdentityIssuerProperties> issuers = issuers(environment).values().iterator();
		URI uri = issuers.hasNext() ? issuers.next().getIssuerUri() : null;
		return (uri != null) ? uri.toString() : null;
	}

	private static Map<String, IdentityIssuerProperties> issuers(Environment environment) {
		return Binder.get(environment)
			.bind("identity.issuers", Bindable.mapOf(String.class, IdentityIssuerProperties.class))
			.orElse(Map.of());
	}

}
