package dev.identity.engine.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.identity.engine.internal.EngineFixture.JWKS_REFRESH_AHEAD;
import static dev.identity.engine.internal.EngineFixture.JWKS_TTL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long fetched documents are kept: {@code Cache-Control} within the configured
 * bounds, a fetch at expiry, and a refresh in the background shortly before it.
 */
class IdentityEngineCacheLifetimeTests {

	private static final Duration SECOND = Duration.ofSeconds(1);

	private final EngineFixture fixture = new EngineFixture();

	private final ScriptedProvider provider = this.fixture.provider;

	@ParameterizedTest(name = "Cache-Control ''{0}'' keeps keys {1}")
	@CsvSource(nullValues = "none",
			value = { "none, PT5M", "max-age=120, PT2M", "'public, max-age=600', PT10M", "max-age=86400, PT1H",
					"max-age=10, PT1M", "max-age=0, PT1M", "no-cache, PT1M", "no-store, PT1M",
					"'private, no-cache, max-age=600', PT1M" })
	void validateWhenCacheControlThenKeysKeptForTtlWithinBounds(String cacheControl, Duration expectedTtl) {
		this.provider.serveKeys(cacheControl, TestTokens.FIRST);
		this.fixture.warm();

		this.fixture.clock.advance(expectedTtl.minus(SECOND));
		this.fixture.validate(TestTokens.FIRST);
		assertThat(this.provider.jwksRequests()).isOne();

		this.fixture.clock.advance(SECOND);
		this.fixture.validate(TestTokens.FIRST);
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
	}

	@Test
	void validateWhenDiscoveryCacheControlThenDiscoveryFetchedAgainAtExpiry() {
		this.provider.reply(this.provider.discoveryUri(),
				ScriptedProvider.Reply.ok(
						ScriptedProvider.discoveryJson(ScriptedProvider.ISSUER, this.provider.jwksUri().toString()),
						"max-age=600"));
		this.fixture.warm();

		this.fixture.clock.advance(Duration.ofSeconds(599));
		this.fixture.validate(TestTokens.FIRST);
		assertThat(this.provider.discoveryRequests()).isOne();

		this.fixture.clock.advance(SECOND);
		this.fixture.validate(TestTokens.FIRST);
		assertThat(this.provider.discoveryRequests()).isEqualTo(2);
	}

	@Test
	void validateWhenKeysExpireThenFetchesBeforeAnswering() {
		this.fixture.warm();
		this.provider.serveKeys(TestTokens.SECOND);
		this.fixture.clock.advance(JWKS_TTL);
		this.provider.hold();

		CompletableFuture<ValidatedToken> future = this.fixture.engine
			.validate(this.fixture.tokens.signedBy(TestTokens.SECOND), this.fixture.fetcher);

		assertThat(future).isNotDone();
		this.provider.release(this.provider.jwksUri());
		assertThat(future.join().getKeyId()).isEqualTo("second");
	}

	@Test
	void validateWhenInsideRefreshAheadWindowThenAnswersFromCacheAndRefreshesInBackground() {
		this.fixture.warm();
		this.provider.serveKeys(TestTokens.FIRST, TestTokens.SECOND);
		this.fixture.clock.advance(JWKS_TTL.minus(JWKS_REFRESH_AHEAD));
		this.provider.hold();

		CompletableFuture<ValidatedToken> future = this.fixture.engine
			.validate(this.fixture.tokens.signedBy(TestTokens.FIRST), this.fixture.fetcher);

		assertThat(future).isCompleted();
		assertThat(this.provider.jwksRequests()).isOne();
		assertThat(this.fixture.background.size()).isOne();

		assertThat(this.fixture.background.runAll()).isOne();
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
		this.provider.release(this.provider.jwksUri());

		// The refreshed set is in use, and lasts a full lifetime from the refresh.
		assertThat(this.fixture.engine.cachedKeys().contains("second")).isTrue();
		this.fixture.clock.advance(JWKS_REFRESH_AHEAD);
		this.fixture.validate(TestTokens.SECOND);
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
		assertThat(this.fixture.background.size()).isZero();
	}

	@Test
	void validateIfCachedWhenInsideRefreshAheadWindowThenTokenAndBackgroundRefresh() {
		this.fixture.warm();
		this.fixture.clock.advance(JWKS_TTL.minus(JWKS_REFRESH_AHEAD));

		assertThat(this.fixture.engine.validateIfCached(this.fixture.tokens.signedBy(TestTokens.FIRST),
				this.fixture.fetcher))
			.isNotNull();
		assertThat(this.provider.jwksRequests()).isOne();

		assertThat(this.fixture.background.runAll()).isOne();
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
	}

	@Test
	void validateWhenBeforeRefreshAheadWindowThenNoBackgroundRefresh() {
		this.fixture.warm();
		this.fixture.clock.advance(JWKS_TTL.minus(JWKS_REFRESH_AHEAD).minus(SECOND));

		this.fixture.validate(TestTokens.FIRST);

		assertThat(this.fixture.background.size()).isZero();
		assertThat(this.provider.jwksRequests()).isOne();
	}

	@Test
	void validateWhenRefreshAheadInFlightThenNoSecondRefresh() {
		EngineFixture inline = EngineFixture.runningBackgroundInline();
		inline.warm();
		inline.clock.advance(JWKS_TTL.minus(JWKS_REFRESH_AHEAD));
		inline.provider.hold();

		for (int i = 0; i < 5; i++) {
			inline.validate(TestTokens.FIRST);
		}

		assertThat(inline.provider.jwksRequests()).isEqualTo(2);
		inline.provider.release(inline.provider.jwksUri());
		inline.validate(TestTokens.FIRST);
		assertThat(inline.provider.jwksRequests()).isEqualTo(2);
	}

	@Test
	void validateWhenRefreshAheadRunningThenNoFurtherBackgroundTask() {
		this.fixture.warm();
		this.fixture.clock.advance(JWKS_TTL.minus(JWKS_REFRESH_AHEAD));
		this.provider.hold();
		this.fixture.validate(TestTokens.FIRST);
		assertThat(this.fixture.background.runAll()).isOne();

		for (int i = 0; i < 5; i++) {
			this.fixture.validate(TestTokens.FIRST);
		}

		assertThat(this.fixture.background.size()).isZero();
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
		this.provider.release(this.provider.jwksUri());
	}

	@Test
	void validateWhenRefreshAheadQueuedTwiceBeforeRunningThenOneFetch() {
		this.fixture.warm();
		this.fixture.clock.advance(JWKS_TTL.minus(JWKS_REFRESH_AHEAD));

		this.fixture.validate(TestTokens.FIRST);
		this.fixture.validate(TestTokens.FIRST);
		this.fixture.background.runAll();

		assertThat(this.provider.jwksRequests()).isEqualTo(2);
	}

	@Test
	void validateWhenRefreshAheadFailedThenRetriedOnlyAfterBackoff() {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(503));
		this.fixture.clock.advance(JWKS_TTL.minus(JWKS_REFRESH_AHEAD));
		this.fixture.validate(TestTokens.FIRST);
		this.fixture.background.runAll();
		assertThat(this.provider.jwksRequests()).isEqualTo(2);

		this.fixture.clock.advance(EngineFixture.FIRST_BACKOFF.minusMillis(1));
		this.fixture.validate(TestTokens.FIRST);
		assertThat(this.fixture.background.size()).isZero();

		this.fixture.clock.advance(Duration.ofMillis(1));
		this.fixture.validate(TestTokens.FIRST);
		assertThat(this.fixture.background.runAll()).isOne();
		assertThat(this.provider.jwksRequests()).isEqualTo(3);

		// A second failure in a row doubles the back-off.
		this.fixture.clock.advance(EngineFixture.FIRST_BACKOFF.multipliedBy(2).minusMillis(1));
		this.fixture.validate(TestTokens.FIRST);
		assertThat(this.fixture.background.size()).isZero();
		this.fixture.clock.advance(Duration.ofMillis(1));
		this.fixture.validate(TestTokens.FIRST);
		assertThat(this.fixture.background.runAll()).isOne();
		assertThat(this.provider.jwksRequests()).isEqualTo(4);
	}

}
