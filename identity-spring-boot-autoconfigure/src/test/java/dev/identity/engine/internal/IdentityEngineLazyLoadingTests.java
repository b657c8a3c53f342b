package dev.identity.engine.internal;

import java.util.concurrent.CompletableFuture;

import dev.identity.core.DiscoveryDocument;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.KeySet;
import dev.identity.core.TokenCheck;
import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;

import static dev.identity.engine.internal.EngineFixture.JWKS_OUTAGE_TOLERANCE;
import static dev.identity.engine.internal.EngineFixture.JWKS_TTL;
import static dev.identity.engine.internal.EngineFixture.MINIMUM_REFRESH_INTERVAL;
import static dev.identity.engine.internal.EngineFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Nothing is fetched before it is needed (the application starts while the provider is
 * down), and what was fetched is served without I/O until it expires.
 */
class IdentityEngineLazyLoadingTests {

	private final EngineFixture fixture = new EngineFixture();

	private final ScriptedProvider provider = this.fixture.provider;

	private final IdentityEngine engine = this.fixture.engine;

	@Test
	void constructWhenCreatedThenNoRequest() {
		ScriptedProvider untouched = new ScriptedProvider();
		new EngineFixture(untouched, EngineFixture.DISCOVERY_CACHE, EngineFixture.JWKS_CACHE);
		assertThat(untouched.endpoints()).isEmpty();
		assertThat(this.provider.endpoints()).isEmpty();
	}

	@Test
	void validateWhenColdThenFetchesDiscoveryThenJwksOnceEach() {
		ValidatedToken token = this.fixture.validate(TestTokens.FIRST);

		assertThat(token.getSubject()).isEqualTo("alice");
		assertThat(token.getKeyId()).isEqualTo("first");
		assertThat(this.provider.endpoints()).containsExactly("discovery", "jwks");
		assertThat(this.provider.discoveryRequests()).isOne();
		assertThat(this.provider.jwksRequests()).isOne();
	}

	@Test
	void validateWhenWarmThenNoRequest() {
		this.fixture.warm();

		for (int i = 0; i < 10; i++) {
			this.fixture.validate(TestTokens.FIRST);
		}

		assertThat(this.provider.discoveryRequests()).isOne();
		assertThat(this.provider.jwksRequests()).isOne();
	}

	@Test
	void validateWhenWarmAndProviderHoldsAnswersThenCompletesAtOnce() {
		this.fixture.warm();
		this.provider.hold();

		CompletableFuture<ValidatedToken> future = this.engine.validate(this.fixture.tokens.signedBy(TestTokens.FIRST),
				this.fixture.fetcher);

		assertThat(future).isCompleted();
		assertThat(this.provider.held(this.provider.jwksUri())).isZero();
	}

	@Test
	void validateWhenTokenMalformedThenFormatFailureWithoutRequest() {
		Throwable failure = this.fixture.rejection("not-a-token");

		assertThat(failure).isInstanceOfSatisfying(InvalidTokenException.class,
				(invalid) -> assertThat(invalid.hasFailed(TokenCheck.FORMAT)).isTrue());
		assertThat(this.provider.endpoints()).isEmpty();
	}

	@Test
	void validateIfCachedWhenColdThenNullWithoutRequest() {
		assertThat(this.engine.validateIfCached(this.fixture.tokens.signedBy(TestTokens.FIRST), this.fixture.fetcher))
			.isNull();
		assertThat(this.provider.endpoints()).isEmpty();
	}

	@Test
	void validateIfCachedWhenOnlyDiscoveryCachedThenNullWithoutJwksRequest() {
		this.engine.discovery(this.fixture.fetcher).join();

		assertThat(this.engine.validateIfCached(this.fixture.tokens.signedBy(TestTokens.FIRST), this.fixture.fetcher))
			.isNull();
		assertThat(this.provider.jwksRequests()).isZero();
	}

	@Test
	void validateIfCachedWhenWarmThenToken() {
		this.fixture.warm();

		ValidatedToken token = this.engine.validateIfCached(this.fixture.tokens.signedBy(TestTokens.FIRST),
				this.fixture.fetcher);

		assertThat(token).isNotNull();
		assertThat(token.getSubject()).isEqualTo("alice");
		assertThat(this.provider.endpoints()).hasSize(2);
	}

	@Test
	void validateIfCachedWhenKidUnknownAndRefreshAllowedThenNullWithoutRequest() {
		this.fixture.warm();
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);

		assertThat(this.engine.validateIfCached(this.fixture.tokens.signedBy(TestTokens.SECOND), this.fixture.fetcher))
			.isNull();
		assertThat(this.provider.jwksRequests()).isOne();
	}

	@Test
	void validateIfCachedWhenKidUnknownThenNullWithoutRequestUntilRefreshLimitReachedThenKeyRejected() {
		this.fixture.warm();
		// The hot path leaves the refresh, and its count against the limit, to the full
		// validation.
		assertThat(this.engine.validateIfCached(this.fixture.tokens.signedBy(TestTokens.SECOND), this.fixture.fetcher))
			.isNull();
		assertThat(this.engine.validateIfCached(this.fixture.tokens.signedBy(TestTokens.SECOND), this.fixture.fetcher))
			.isNull();
		assertThat(this.provider.jwksRequests()).isOne();
		this.fixture.keyRejection(this.fixture.tokens.signedBy(TestTokens.SECOND));
		assertThat(this.provider.jwksRequests()).isEqualTo(2);

		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.engine.validateIfCached(this.fixture.tokens.signedBy(TestTokens.SECOND),
					this.fixture.fetcher))
			.satisfies((invalid) -> assertThat(invalid.hasFailed(TokenCheck.KEY)).isTrue());
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
	}

	@Test
	void validateIfCachedWhenDiscoveryFailedRecentlyThenThrowsProviderException() {
		this.provider.reply(this.provider.discoveryUri(), ScriptedProvider.Reply.status(503));
		failureOf(this.engine.discovery(this.fixture.fetcher));

		assertThatExceptionOfType(IdentityProviderException.class)
			.isThrownBy(() -> this.engine.validateIfCached(this.fixture.tokens.signedBy(TestTokens.FIRST),
					this.fixture.fetcher))
			.satisfies((failure) -> assertThat(failure.getEndpoint()).isEqualTo("discovery"));
		assertThat(this.provider.discoveryRequests()).isOne();
	}

	@Test
	void cachedDiscoveryAndCachedKeysWhenColdThenNullWithoutRequest() {
		assertThat(this.engine.cachedDiscovery()).isNull();
		assertThat(this.engine.cachedKeys()).isNull();
		assertThat(this.provider.endpoints()).isEmpty();
	}

	@Test
	void discoveryWhenColdThenFetchesDiscoveryOnly() {
		DiscoveryDocument document = this.engine.discovery(this.fixture.fetcher).join();

		assertThat(document.getIssuer()).isEqualTo(ScriptedProvider.ISSUER);
		assertThat(document.getJwksUri()).isEqualTo(this.provider.jwksUri());
		assertThat(this.provider.endpoints()).containsExactly("discovery");
		assertThat(this.engine.cachedDiscovery()).isSameAs(document);
		assertThat(this.engine.cachedKeys()).isNull();
	}

	@Test
	void discoveryWhenCachedThenNoRequest() {
		DiscoveryDocument first = this.engine.discovery(this.fixture.fetcher).join();

		assertThat(this.engine.discovery(this.fixture.fetcher).join()).isSameAs(first);
		assertThat(this.provider.discoveryRequests()).isOne();
	}

	@Test
	void keysWhenColdThenFetchesDiscoveryThenJwks() {
		KeySet keys = this.engine.keys(this.fixture.fetcher).join();

		assertThat(keys.contains("first")).isTrue();
		assertThat(this.provider.endpoints()).containsExactly("discovery", "jwks");
		assertThat(this.engine.cachedKeys()).isSameAs(keys);
		assertThat(this.engine.cachedDiscovery()).isNotNull();
	}

	@Test
	void keysWhenWarmThenSameSetWithoutRequest() {
		this.fixture.warm();
		KeySet cached = this.engine.cachedKeys();

		assertThat(this.engine.keys(this.fixture.fetcher).join()).isSameAs(cached);
		assertThat(this.provider.endpoints()).hasSize(2);
	}

	@Test
	void keysWhenDiscoveryFailsThenProviderExceptionAndNoJwksRequest() {
		this.provider.reply(this.provider.discoveryUri(), ScriptedProvider.Reply.status(500));

		Throwable failure = failureOf(this.engine.keys(this.fixture.fetcher));

		assertThat(failure).isInstanceOfSatisfying(IdentityProviderException.class, (provider) -> {
			assertThat(provider.getEndpoint()).isEqualTo("discovery");
			assertThat(provider.getStatus()).isEqualTo(500);
		});
		assertThat(this.provider.jwksRequests()).isZero();
	}

	@Test
	void cachedKeysWhenExpiredThenNullWithoutRequest() {
		this.fixture.warm();
		this.fixture.clock.advance(JWKS_TTL);

		assertThat(this.engine.cachedKeys()).isNull();
		assertThat(this.engine.cachedDiscovery()).isNotNull();
		assertThat(this.provider.endpoints()).hasSize(2);
	}

	@Test
	void cachedKeysWhenExpiredAndRefreshFailedThenStaleKeysUntilOutageToleranceEnds() {
		this.fixture.warm();
		KeySet good = this.engine.cachedKeys();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(500));
		this.fixture.clock.advance(JWKS_TTL);

		assertThat(this.engine.keys(this.fixture.fetcher).join()).isSameAs(good);
		assertThat(this.engine.cachedKeys()).isSameAs(good);

		this.fixture.clock.advance(JWKS_OUTAGE_TOLERANCE);
		assertThat(this.engine.cachedKeys()).isNull();
		assertThat(failureOf(this.engine.keys(this.fixture.fetcher))).isInstanceOfSatisfying(
				IdentityProviderException.class, (failure) -> assertThat(failure.getEndpoint()).isEqualTo("jwks"));
	}

}
