package dev.identity.autoconfigure;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import dev.identity.claims.ClaimsPreset;
import org.jspecify.annotations.Nullable;

/**
 * One named issuer under {@code identity.issuers.<name>}. Every value left unset falls
 * back to the top-level {@code identity.*} one; {@code issuer-uri} has no fallback.
 */
public class IdentityIssuerProperties {

	/**
	 * What an issuer's name under {@code identity.issuers} may be: lower-case letters,
	 * digits and {@code -}, starting with a letter or a digit.
	 */
	public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	/**
	 * Issuer identifier of this OpenID provider; tokens whose 'iss' equals it exactly are
	 * verified with its keys and rules.
	 */
	private @Nullable URI issuerUri;

	/** Audiences for this issuer's tokens; unset uses identity.audiences. */
	private @Nullable List<String> audiences;

	/** Accepted signature algorithms; unset uses identity.algorithms. */
	private @Nullable List<String> algorithms;

	/** Required 'typ' header; unset uses identity.required-type. */
	private @Nullable String requiredType;

	/** Claims every token must carry; unset uses identity.required-claims. */
	private @Nullable List<String> requiredClaims;

	/**
	 * Where this issuer puts roles, permissions and the like; unset uses
	 * identity.claims.preset.
	 */
	private @Nullable ClaimsPreset claimsPreset;

	/** Client id at this issuer; unset uses identity.client-id. */
	private @Nullable String clientId;

	/** Client secret at this issuer; unset uses identity.client-secret. */
	private @Nullable String clientSecret;

	public @Nullable URI getIssuerUri() {
		return this.issuerUri;
	}

	public void setIssuerUri(@Nullable URI issuerUri) {
		this.issuerUri = issuerUri;
	}

	public @Nullable List<String> getAudiences() {
		return this.audiences;
	}

	public void setAudiences(@Nullable List<String> audiences) {
		this.audiences = audiences;
	}

	public @Nullable List<String> getAlgorithms() {
		return this.algorithms;
	}

	public void setAlgorithms(@Nullable List<String> algorithms) {
		this.algorithms = algorithms;
	}

	public @Nullable String getRequiredType() {
		return this.requiredType;
	}

	public void setRequiredType(@Nullable String requiredType) {
		this.requiredType = requiredType;
	}

	public @Nullable List<String> getRequiredClaims() {
		return this.requiredClaims;
	}

	public void setRequiredClaims(@Nullable List<String> requiredClaims) {
		this.requiredClaims = requiredClaims;
	}

	public @Nullable ClaimsPreset getClaimsPreset() {
		return this.claimsPreset;
	}

	public void setClaimsPreset(@Nullable ClaimsPreset claimsPreset) {
		this.claimsPreset = claimsPreset;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	@Override
	public String toString() {
		// The secret stays out of logs and reports.
		return "IdentityIssuerProperties[issuerUri=" + this.issuerUri + ", clientId=" + this.clientId + "]";
	}

}
