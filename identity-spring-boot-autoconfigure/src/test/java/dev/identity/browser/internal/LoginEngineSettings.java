package dev.identity.browser.internal;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import dev.identity.core.ClientAuthenticationMethod;
import dev.identity.core.ClientRegistration;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.ValidationPolicy;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.cache.CacheSettings;

/**
 * Engine settings of a confidential client, for the browser login's unit tests.
 */
public final class LoginEngineSettings {

	public static final String ISSUER = "https://idp.example.com";

	public static final String CLIENT_ID = "web-app";

	private LoginEngineSettings() {
	}

	public static EngineSettings of(boolean opaqueTokens) {
		EngineSettings settings = new EngineSettings(URI.create(ISSUER),
				ValidationPolicy.withIssuer(ISSUER)
					.audiences(List.of(CLIENT_ID))
					.algorithms(EnumSet.allOf(JwsAlgorithm.class))
					.build(),
				DiscoveryPolicy.STRICT, cache(), cache())
			.withClient(
					ClientRegistration.withSecret(CLIENT_ID, "secret", ClientAuthenticationMethod.CLIENT_SECRET_BASIC),
					EngineSettings.TokenSettings.DEFAULT);
		return opaqueTokens
				? settings.withIntrospection(new EngineSettings.IntrospectionSettings(true, Duration.ofSeconds(30)))
				: settings;
	}

	public static CacheSettings cache() {
		return new CacheSettings(Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofHours(6));
	}

}
