package dev.identity.autoconfigure;

import dev.identity.engine.internal.EngineSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The start-up warning of a default that admits more than a user would guess: without
 * {@code identity.audiences}, a token's {@code aud} is not checked, so a token the
 * provider issued for any other API is accepted too. Logged once per engine, when it is
 * created, never per request.
 */
final class AudienceWarning {

	private static final Log logger = LogFactory.getLog(IdentityAutoConfiguration.class);

	private AudienceWarning() {
	}

	static void logIfUnchecked(EngineSettings settings) {
		if (settings.validation().getAudiences().isEmpty()) {
			logger.warn("identity.audiences is empty: tokens of " + settings.issuer() + " are accepted whatever "
					+ "their 'aud', so a token the same provider issued for any other API (or another application) "
					+ "is accepted by this one too. Set identity.audiences to the audience your provider puts in "
					+ "the tokens meant for this API.");
		}
	}

}
