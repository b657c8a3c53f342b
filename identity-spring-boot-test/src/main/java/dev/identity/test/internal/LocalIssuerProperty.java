package dev.identity.test.internal;

import dev.identity.autoconfigure.IdentityIssuerProperties;

/**
 * The property a local issuer sets: {@code identity.issuer-uri}, or
 * {@code identity.issuers.<name>.issuer-uri} for a named one.
 */
final class LocalIssuerProperty {

	static final String ISSUER_URI = "identity.issuer-uri";

	private LocalIssuerProperty() {
	}

	/**
	 * The issuer URI's property.
	 * @param name the issuer's name, empty for the one issuer
	 * @return the property name
	 */
	static String of(String name) {
		return name.isEmpty() ? ISSUER_URI : namedPrefix(name) + ".issuer-uri";
	}

	static String namedPrefix(String name) {
		// The starter's own rule for issuer names, which the binder reads without
		// brackets.
		if (!IdentityIssuerProperties.NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("@LocalIssuer(name = \"" + name + "\"): a name under identity.issuers "
					+ "is lower-case letters, digits and '-', e.g. \"partner-a\"");
		}
		return "identity.issuers." + name;
	}

}
