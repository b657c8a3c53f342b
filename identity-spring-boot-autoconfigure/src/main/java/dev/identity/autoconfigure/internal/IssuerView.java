package dev.identity.autoconfigure.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.identity.autoconfigure.IdentityIssuerProperties;
import dev.identity.autoconfigure.IdentityProperties;
import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.engine.internal.IdentityEngines;
import org.jspecify.annotations.Nullable;

/**
 * The values of one issuer as its engine uses them: its own under
 * {@code identity.issuers.<name>}, else the top-level ones; each named by the property it
 * came from, so that a start-up failure points at the line to fix.
 */
final class IssuerView {

	private final String name;

	private final IdentityProperties top;

	private final @Nullable IdentityIssuerProperties own;

	private IssuerView(String name, IdentityProperties top, @Nullable IdentityIssuerProperties own) {
		this.name = name;
		this.top = top;
		this.own = own;
	}

	/** The one issuer of {@code identity.issuer-uri}. */
	static IssuerView single(IdentityProperties properties) {
		return new IssuerView(IdentityEngines.DEFAULT_NAME, properties, null);
	}

	/** A named issuer of {@code identity.issuers}. */
	static IssuerView named(String name, IdentityProperties properties, IdentityIssuerProperties issuer) {
		return new IssuerView(name, properties, issuer);
	}

	/**
	 * The issuers the properties configure, in declaration order: the one of
	 * {@code identity.issuer-uri}, or those of {@code identity.issuers}.
	 * @param properties the properties
	 * @param problems where a misconfiguration of the issuers themselves is added
	 * @return the issuers
	 */
	static List<IssuerView> all(IdentityProperties properties,
			Set<InvalidIdentityConfigurationException.Problem> problems) {
		Map<String, IdentityIssuerProperties> issuers = properties.getIssuers();
		if (issuers.isEmpty()) {
			return List.of(IssuerView.single(properties));
		}
		URI single = properties.getIssuerUri();
		if (single != null) {
			problems.add(new InvalidIdentityConfigurationException.Problem("identity.issuer-uri", single.toString(),
					"must not be set with identity.issuers (" + String.join(", ", issuers.keySet())
							+ "); move it under identity.issuers.<name>.issuer-uri, or remove identity.issuers"));
		}
		if (issuers.size() > 1 && properties.getIntrospection().isOpaqueTokens()) {
			problems
				.add(new InvalidIdentityConfigurationException.Problem("identity.introspection.opaque-tokens", "true",
						"cannot be used with several identity.issuers: an opaque token names no issuer to send it to; "
								+ "introspect with client.forIssuer(name).introspect(token) instead"));
		}
		List<IssuerView> views = new ArrayList<>();
		issuers.forEach((name, issuer) -> {
			if (!IdentityIssuerProperties.NAME.matcher(name).matches()) {
				problems.add(new InvalidIdentityConfigurationException.Problem("identity.issuers." + name, name,
						"is not a valid issuer name: use lower-case letters, digits and '-'"));
			}
			views.add(IssuerView.named(name, properties, issuer));
		});
		return views;
	}

	String name() {
		return this.name;
	}

	@Nullable URI issuerUri() {
		return (this.own != null) ? this.own.getIssuerUri() : this.top.getIssuerUri();
	}

	String issuerUriProperty() {
		return (this.own != null) ? ownProperty("issuer-uri") : "identity.issuer-uri";
	}

	List<String> audiences() {
		return value(IdentityIssuerProperties::getAudiences, this.top.getAudiences());
	}

	String audiencesProperty() {
		return property("audiences", IdentityIssuerProperties::getAudiences);
	}

	List<String> algorithms() {
		return value(IdentityIssuerProperties::getAlgorithms, this.top.getAlgorithms());
	}

	String algorithmsProperty() {
		return property("algorithms", IdentityIssuerProperties::getAlgorithms);
	}

	@Nullable String requiredType() {
		String own = (this.own != null) ? this.own.getRequiredType() : null;
		return (own != null) ? own : this.top.getRequiredType();
	}

	List<String> requiredClaims() {
		return value(IdentityIssuerProperties::getRequiredClaims, this.top.getRequiredClaims());
	}

	String requiredClaimsProperty() {
		return property("required-claims", IdentityIssuerProperties::getRequiredClaims);
	}

	@Nullable String clientId() {
		String own = (this.own != null) ? this.own.getClientId() : null;
		return (own != null) ? own : this.top.getClientId();
	}

	String clientIdProperty() {
		return property("client-id", IdentityIssuerProperties::getClientId);
	}

	@Nullable String clientSecret() {
		String own = (this.own != null) ? this.own.getClientSecret() : null;
		return (own != null) ? own : this.top.getClientSecret();
	}

	String clientSecretProperty() {
		return property("client-secret", IdentityIssuerProperties::getClientSecret);
	}

	private <T> T value(Function<IdentityIssuerProperties, @Nullable T> getter, T fallback) {
		T own = (this.own != null) ? getter.apply(this.own) : null;
		return (own != null) ? own : fallback;
	}

	private String property(String key, Function<IdentityIssuerProperties, @Nullable Object> getter) {
		return (this.own != null && getter.apply(this.own) != null) ? ownProperty(key) : "identity." + key;
	}

	private String ownProperty(String key) {
		return ConfiguredIssuers.issuerProperty(this.name, key);
	}

}
