package dev.identity.engine.internal;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.jwk.RSAKey;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.ValidatedToken;
import dev.identity.core.ValidationPolicy;
import dev.identity.engine.internal.cache.CacheSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * One engine wired to a scripted provider, a test clock and a queue for background work.
 * The durations are chosen apart from each other so that each rule is crossed on its own.
 */
public final class EngineFixture {

	public static final Duration JWKS_TTL = Duration.ofMinutes(5);

	public static final Duration JWKS_MINIMUM_TTL = Duration.ofMinutes(1);

	public static final Duration JWKS_MAXIMUM_TTL = Duration.ofHours(1);

	public static final Duration JWKS_REFRESH_AHEAD = Duration.ofSeconds(45);

	public static final Duration MINIMUM_REFRESH_INTERVAL = Duration.ofSeconds(30);

	public static final Duration JWKS_OUTAGE_TOLERANCE = Duration.ofMinutes(10);

	/** The back-off after a first failed fetch, with the fixture's jitter of zero. */
	public static final Duration FIRST_BACKOFF = CacheSettings.FIRST_FAILURE_BACKOFF;

	public static final Duration DISCOVERY_TTL = Duration.ofDays(1);

	public static final CacheSettings JWKS_CACHE = new CacheSettings(JWKS_TTL, JWKS_MINIMUM_TTL, JWKS_MAXIMUM_TTL,
			JWKS_REFRESH_AHEAD, MINIMUM_REFRESH_INTERVAL, JWKS_OUTAGE_TOLERANCE);

	public static final CacheSettings DISCOVERY_CACHE = new CacheSettings(DISCOVERY_TTL, Duration.ofMinutes(5),
			Duration.ofDays(7), Duration.ofMinutes(1), MINIMUM_REFRESH_INTERVAL, Duration.ofHours(1));

	public final MutableClock clock = new MutableClock();

	public final QueueExecutor background = new QueueExecutor();

	public final ManualTimer timer = new ManualTimer(this.clock);

	/** The jitter of back-offs; {@code 0} makes each back-off its whole step. */
	double random;

	public final ScriptedProvider provider;

	public final ScriptedProvider.Fetcher fetcher;

	public final TestTokens tokens;

	public final IdentityEngine engine;

	public EngineFixture() {
		this(new ScriptedProvider(), DISCOVERY_CACHE, JWKS_CACHE);
	}

	public EngineFixture(ScriptedProvider provider, CacheSettings discoveryCache, CacheSettings jwksCache) {
		this(provider, discoveryCache, jwksCache, null, UnaryOperator.identity());
	}

	private EngineFixture(ScriptedProvider provider, CacheSettings discoveryCache, CacheSettings jwksCache,
			Executor executor, UnaryOperator<EngineSettings> customizer) {
		this(provider, discoveryCache, jwksCache, executor, customizer, EngineObserver.NONE);
	}

	private EngineFixture(ScriptedProvider provider, CacheSettings discoveryCache, CacheSettings jwksCache,
			Executor executor, UnaryOperator<EngineSettings> customizer, EngineObserver observer) {
		this.provider = provider.useTimer(this.timer);
		this.fetcher = provider.fetcher();
		this.tokens = new TestTokens(this.clock, provider.issuer());
		EngineSettings settings = new EngineSettings(URI.create(provider.issuer()),
				ValidationPolicy.withIssuer(provider.issuer()).build(), DiscoveryPolicy.STRICT, discoveryCache,
				jwksCache);
		settings = customizer.apply(settings);
		this.engine = new IdentityEngine(settings, this.clock, (executor != null) ? executor : this.background,
				this.timer, () -> this.random, observer);
	}

	/** The same wiring, but background refreshes run at once on the submitting thread. */
	public static EngineFixture runningBackgroundInline() {
		return new EngineFixture(new ScriptedProvider(), DISCOVERY_CACHE, JWKS_CACHE, Runnable::run,
				UnaryOperator.identity());
	}

	/**
	 * The same wiring, with settings changed: e.g. an OAuth client and its retry policy.
	 */
	public static EngineFixture withSettings(UnaryOperator<EngineSettings> customizer) {
		return new EngineFixture(new ScriptedProvider(), DISCOVERY_CACHE, JWKS_CACHE, null, customizer);
	}

	/**
	 * The same wiring, with settings changed and an observer of the engine's work.
	 */
	public static EngineFixture observedBy(EngineObserver observer, UnaryOperator<EngineSettings> customizer) {
		return new EngineFixture(new ScriptedProvider(), DISCOVERY_CACHE, JWKS_CACHE, null, customizer, observer);
	}

	/** Fetch discovery and keys once, through a first validation. */
	public EngineFixture warm() {
		assertThat(validate(TestTokens.FIRST).getSubject()).isEqualTo("alice");
		return this;
	}

	/**
	 * A fresh token of the key, validated through the fixture's transport; fails the test
	 * if rejected.
	 */
	public ValidatedToken validate(RSAKey key) {
		return validate(this.tokens.signedBy(key));
	}

	public ValidatedToken validate(String token) {
		CompletableFuture<ValidatedToken> future = this.engine.validate(token, this.fetcher);
		// With a transport that answers at once, every outcome is known when validate
		// returns.
		assertThat(future).isCompleted();
		return future.join();
	}

	/** Why a token was refused, unwrapped. */
	public Throwable rejection(String token) {
		return failureOf(this.engine.validate(token, this.fetcher));
	}

	public Throwable rejection(RSAKey key) {
		return rejection(this.tokens.signedBy(key));
	}

	/** Validate and expect the token to be refused for lack of a key. */
	public InvalidTokenException keyRejection(String token) {
		Throwable failure = rejection(token);
		assertThat(failure).isInstanceOf(InvalidTokenException.class);
		InvalidTokenException invalid = (InvalidTokenException) failure;
		assertThat(invalid.hasFailed(TokenCheck.KEY)).as(invalid.getMessage()).isTrue();
		return invalid;
	}

	/** Validate and expect a provider failure. */
	public IdentityProviderException providerFailure(String token) {
		Throwable failure = rejection(token);
		assertThat(failure).isInstanceOf(IdentityProviderException.class);
		return (IdentityProviderException) failure;
	}

	/**
	 * The failure of a future the engine completed before returning it.
	 * @return the unwrapped cause
	 */
	public static Throwable failureOf(CompletableFuture<?> future) {
		assertThat(future).isCompletedExceptionally();
		return IdentityEngine.unwrap(catchThrowable(future::join));
	}

}
