package dev.identity.client;

import dev.identity.core.InvalidTokenException;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.IdentityEngines;
import org.jspecify.annotations.Nullable;

/**
 * Which issuers a client speaks for: all configured ones (tokens are routed by their
 * {@code iss}, token-endpoint calls go to the first issuer declared), or one named issuer
 * (everything goes to it). Shared by the blocking and reactive clients.
 */
final class IssuerScope {

	private final IdentityEngines engines;

	private final IdentityEngine home;

	private final @Nullable String name;

	private IssuerScope(IdentityEngines engines, IdentityEngine home, @Nullable String name) {
		this.engines = engines;
		this.home = home;
		this.name = name;
	}

	/** Every configured issuer. */
	static IssuerScope all(IdentityEngines engines) {
		return new IssuerScope(engines, engines.primary(), null);
	}

	/**
	 * One issuer.
	 * @throws IllegalArgumentException naming the configured issuers when none has that
	 * name
	 */
	IssuerScope named(String name) {
		return new IssuerScope(this.engines, this.engines.named(name), name);
	}

	/** The engine of token-endpoint calls, discovery and keys. */
	IdentityEngine home() {
		return this.home;
	}

	/**
	 * The engine that verifies a token: its issuer's among all, or the one issuer.
	 * @throws InvalidTokenException when the token names no configured issuer
	 */
	IdentityEngine forToken(@Nullable String token) {
		return (this.name != null) ? this.home : this.engines.forToken(token);
	}

	@Override
	public String toString() {
		return (this.name != null) ? "issuer=" + this.name : "issuers=" + this.engines.all().keySet();
	}

}
