package dev.identity.autoconfigure.internal;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

import dev.identity.autoconfigure.IdentityIssuerProperties;
import dev.identity.autoconfigure.IdentityProperties;
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
		return "identity.issuers." + this.name + "." + key;
	}

}
