package dev.identity.engine;

import java.time.Duration;

import dev.identity.core.IdentityProviderException;
import org.junit.jupiter.api.Test;

import static dev.identity.engine.EngineFixture.JWKS_OUTAGE_TOLERANCE;
import static dev.identity.engine.EngineFixture.JWKS_TTL;
import static dev.identity.engine.EngineFixture.MINIMUM_REFRESH_INTERVAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * During a provider outage the last good keys serve for a bounded time after expiry, the provider is
 * asked at most once per minimum refresh interval, and the failure that ends it names the endpoint.
 */
class IdentityEngineOutageTests {

	private static final Duration SECOND = Duration.ofSeconds(1);

	private final EngineFixture fixture = new EngineFixture();

	private final ScriptedProvider provider = this.fixture.provider;

	@Test
	void validateWhenKeysExpiredAndProviderDownThenLastKeysServeUntilOutageToleranceEnds() {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(500));
		this.fixture.clock.advance(JWKS_TTL);
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		Duration step = Duration.ofSeconds(10);

		for (Duration elapsed = Duration.ZERO; elapsed.compareTo(JWKS_OUTAGE_TOLERANCE) < 0; elapsed = elapsed
			.plus(step)) {
			assertThat(this.fixture.validate(token).getKeyId()).isEqualTo("first");
			this.fixture.clock.advance(step);
		}

		int asked = this.provider.jwksRequests() - 1;
		assertThat(asked).isGreaterThan(1)
			.isLessThanOrEqualTo((int) (1 + JWKS_OUTAGE_TOLERANCE.dividedBy(MINIMUM_REFRESH_INTERVAL)));
	}

	@Test
	void validateWhenOutageOutlastsToleranceThenProviderExceptionNamingJwks() {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(500));
		this.fixture.clock.advance(JWKS_TTL.plus(JWKS_OUTAGE_TOLERANCE).minus(SECOND));
		this.fixture.validate(TestTokens.FIRST);
		int asked = this.provider.jwksRequests();

		this.fixture.clock.advance(SECOND);
		IdentityProviderException failure = this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));

		assertThat(failure.getEndpoint()).isEqualTo("jwks");
		assertThat(failure.getUri()).isEqualTo(this.provider.jwksUri());
		assertThat(failure.getStatus()).isEqualTo(500);
		assertThat(failure.getMessage()).contains("jwks", this.provider.jwksUri().toString());
		assertThat(this.provider.jwksRequests()).isEqualTo(asked);
	}

	@Test
	void validateWhenOutageOutlastsToleranceThenStillAsksOncePerMinimumRefreshInterval() {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(500));
		this.fixture.clock.advance(JWKS_TTL.plus(JWKS_OUTAGE_TOLERANCE));

		for (int i = 0; i < 10; i++) {
			this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		}
		assertThat(this.provider.jwksRequests()).isEqualTo(2);

		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);
		this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		assertThat(this.provider.jwksRequests()).isEqualTo(3);
	}

	@Test
	void validateWhenProviderDownThenOneRequestPerMinimumRefreshInterval() {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(503));
		this.fixture.clock.advance(JWKS_TTL);
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);

		for (int i = 0; i < 20; i++) {
			this.fixture.validate(token);
		}
		assertThat(this.provider.jwksRequests()).isEqualTo(2);

		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL.minus(SECOND));
		for (int i = 0; i < 20; i++) {
			this.fixture.validate(token);
		}
		assertThat(this.provider.jwksRequests()).isEqualTo(2);

		this.fixture.clock.advance(SECOND);
		this.fixture.validate(token);
		assertThat(this.provider.jwksRequests()).isEqualTo(3);
	}

	@Test
	void validateWhenProviderRecoversDuringOutageThenNewKeysWithFullLifetime() {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(503));
		this.fixture.clock.advance(JWKS_TTL);
		this.fixture.validate(TestTokens.FIRST);

		this.provider.serveKeys(TestTokens.FIRST, TestTokens.SECOND);
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);
		assertThat(this.fixture.validate(TestTokens.SECOND).getKeyId()).isEqualTo("second");
		assertThat(this.provider.jwksRequests()).isEqualTo(3);

		this.fixture.clock.advance(JWKS_TTL.minus(SECOND));
		this.fixture.validate(TestTokens.SECOND);
		assertThat(this.provider.jwksRequests()).isEqualTo(3);
	}

	@Test
	void validateIfCachedWhenOutageOutlastsToleranceThenThrowsProviderException() {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(500));
		this.fixture.clock.advance(JWKS_TTL.plus(JWKS_OUTAGE_TOLERANCE));
		this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));

		assertThatExceptionOfType(IdentityProviderException.class)
			.isThrownBy(() -> this.fixture.engine.validateIfCached(this.fixture.tokens.signedBy(TestTokens.FIRST),
					this.fixture.fetcher))
			.satisfies((failure) -> assertThat(failure.getEndpoint()).isEqualTo("jwks"));
	}

	@Test
	void validateWhenDiscoveryExpiredAndProviderDownThenLastDocumentServesWithinItsTolerance() {
		this.fixture.warm();
		this.provider.reply(this.provider.discoveryUri(), ScriptedProvider.Reply.status(502));
		this.fixture.clock.advance(EngineFixture.DISCOVERY_TTL);

		assertThat(this.fixture.validate(TestTokens.FIRST).getKeyId()).isEqualTo("first");
		assertThat(this.provider.discoveryRequests()).isEqualTo(2);

		this.fixture.clock.advance(EngineFixture.DISCOVERY_CACHE.outageTolerance());
		IdentityProviderException failure = this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		assertThat(failure.getEndpoint()).isEqualTo("discovery");
		assertThat(failure.getStatus()).isEqualTo(502);
	}

}
