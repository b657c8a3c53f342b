package dev.identity.engine;

import java.net.URI;
import java.util.Objects;

import dev.identity.core.CacheSettings;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.ValidationPolicy;

/**
 * Everything an engine needs to know about one issuer.
 *
 * @param issuer the issuer identifier
 * @param validation the token validation policy
 * @param discoveryPolicy the checks on the discovery document
 * @param discoveryCache caching of the discovery document
 * @param jwksCache caching of the JWK set
 */
public record EngineSettings(URI issuer, ValidationPolicy validation, DiscoveryPolicy discoveryPolicy,
		CacheSettings discoveryCache, CacheSettings jwksCache) {

	public EngineSettings {
		Objects.requireNonNull(issuer, "issuer");
		Objects.requireNonNull(validation, "validation");
		Objects.requireNonNull(discoveryPolicy, "discoveryPolicy");
		Objects.requireNonNull(discoveryCache, "discoveryCache");
		Objects.requireNonNull(jwksCache, "jwksCache");
	}

}
