package dev.identity.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.identity.core.IdentityProviderException;
import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.identity.engine.internal.EngineFixture.JWKS_OUTAGE_TOLERANCE;
import static dev.identity.engine.internal.EngineFixture.JWKS_TTL;
import static dev.identity.engine.internal.EngineFixture.MINIMUM_REFRESH_INTERVAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * During a provider outage the last good keys serve for a bounded time after expiry, the
 * provider is asked at most once per back-off step (doubling from one second up to the
 * minimum refresh interval), a returning provider is used within one step, and the
 * failure that ends it names the endpoint.
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
		// At most one request per back-off step: 1, 2, 4, 8 and 16 s, then one per
		// minimum refresh interval.
		assertThat(asked).isGreaterThan(1)
			.isLessThanOrEqualTo((int) (5 + 1 + JWKS_OUTAGE_TOLERANCE.dividedBy(MINIMUM_REFRESH_INTERVAL)));
	}

	@Test
	void validateWhenOutageOutlastsToleranceThenProviderExceptionNamingJwks() {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(500));
		Duration halfBackoff = EngineFixture.FIRST_BACKOFF.dividedBy(2);
		this.fixture.clock.advance(JWKS_TTL.plus(JWKS_OUTAGE_TOLERANCE).minus(halfBackoff));
		this.fixture.validate(TestTokens.FIRST);
		int asked = this.provider.jwksRequests();

		this.fixture.clock.advance(halfBackoff);
		IdentityProviderException failure = this.fixture
			.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));

		assertThat(failure.getEndpoint()).isEqualTo("jwks");
		assertThat(failure.getUri()).isEqualTo(this.provider.jwksUri());
		assertThat(failure.getStatus()).isEqualTo(500);
		assertThat(failure.getMessage()).contains("jwks", this.provider.jwksUri().toString());
		assertThat(this.provider.jwksRequests()).isEqualTo(asked);
	}

	@Test
	void validateWhenOutageOutlastsToleranceThenStillAsksOncePerBackoffStep() {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(500));
		this.fixture.clock.advance(JWKS_TTL.plus(JWKS_OUTAGE_TOLERANCE));

		for (int i = 0; i < 10; i++) {
			this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		}
		assertThat(this.provider.jwksRequests()).isEqualTo(2);

		this.fixture.clock.advance(EngineFixture.FIRST_BACKOFF);
		this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		assertThat(this.provider.jwksRequests()).isEqualTo(3);
	}

	@Test
	void validateWhenProviderDownThenOneRequestPerBackoffStep() {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(503));
		this.fixture.clock.advance(JWKS_TTL);
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);

		for (int i = 0; i < 20; i++) {
			this.fixture.validate(token);
		}
		assertThat(this.provider.jwksRequests()).isEqualTo(2);

		this.fixture.clock.advance(EngineFixture.FIRST_BACKOFF.minusMillis(1));
		for (int i = 0; i < 20; i++) {
			this.fixture.validate(token);
		}
		assertThat(this.provider.jwksRequests()).isEqualTo(2);

		this.fixture.clock.advance(Duration.ofMillis(1));
		this.fixture.validate(token);
		assertThat(this.provider.jwksRequests()).isEqualTo(3);
	}

	/**
	 * The app starts while the provider is down, requests arrive every 10 ms, and the
	 * provider comes back. However many requests arrive, the provider is asked once per
	 * back-off step (1, 2, 4, 8, 16, then 30 s: the minimum refresh interval), and the
	 * first request after its return that may fetch gets through: within 2 s of a return
	 * after 5 s, within one back-off step of any return.
	 */
	@ParameterizedTest(name = "provider back after {0}")
	@ValueSource(strings = { "PT0.5S", "PT2.5S", "PT5S", "PT8S", "PT20S", "PT50S", "PT3M" })
	void validateWhenProviderReturnsAfterOutageThenFirstSuccessWithinOneBackoffStepAndOneRequestPerStep(
			Duration outage) {
		this.provider.reply(this.provider.discoveryUri(), ScriptedProvider.Reply.status(503));
		Instant start = this.fixture.clock.instant();
		Instant back = start.plus(outage);
		Duration tick = Duration.ofMillis(10);
		Instant firstSuccess = null;
		List<Instant> asked = new ArrayList<>();
		int seen = 0;
		boolean restored = false;
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		while (firstSuccess == null) {
			Instant now = this.fixture.clock.instant();
			if (!now.isBefore(back) && !restored) {
				this.provider.serveDiscovery(
						ScriptedProvider.discoveryJson(this.provider.issuer(), this.provider.jwksUri().toString()));
				restored = true;
			}
			CompletableFuture<ValidatedToken> result = this.fixture.engine.validate(token, this.fixture.fetcher);
			if (this.provider.discoveryRequests() > seen) {
				seen = this.provider.discoveryRequests();
				asked.add(now);
			}
			if (!result.isCompletedExceptionally()) {
				firstSuccess = now;
			}
			this.fixture.clock.advance(tick);
		}

		Duration wait = Duration.between(back, firstSuccess);
		Duration lastStep = Duration.between(asked.get(asked.size() - 2), asked.get(asked.size() - 1));
		assertThat(wait).as("wait after the provider's return").isLessThanOrEqualTo(lastStep.plus(tick));
		if (outage.compareTo(Duration.ofSeconds(5)) <= 0) {
			assertThat(wait).as("wait after a return within 5 s").isLessThanOrEqualTo(Duration.ofSeconds(2));
		}
		for (int i = 1; i < asked.size(); i++) {
			Duration step = Duration.between(asked.get(i - 1), asked.get(i));
			Duration expected = EngineFixture.FIRST_BACKOFF.multipliedBy(1L << Math.min(i - 1, 20));
			expected = (expected.compareTo(MINIMUM_REFRESH_INTERVAL) > 0) ? MINIMUM_REFRESH_INTERVAL : expected;
			assertThat(step).as("step %d", i).isBetween(expected, expected.plus(tick));
		}
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
		IdentityProviderException failure = this.fixture
			.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		assertThat(failure.getEndpoint()).isEqualTo("discovery");
		assertThat(failure.getStatus()).isEqualTo(502);
	}

}
