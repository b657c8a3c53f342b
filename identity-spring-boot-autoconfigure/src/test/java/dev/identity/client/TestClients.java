package dev.identity.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.identity.core.ClientRegistration;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.ValidationPolicy;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.cache.CacheSettings;
import dev.identity.engine.internal.transport.RetryPolicy;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The three clients over one engine for an issuer, as the auto-configuration wires them,
 * with a clock the test moves.
 */
final class TestClients implements AutoCloseable {

	static final Duration MINIMUM_REFRESH_INTERVAL = Duration.ofSeconds(30);

	final SettableClock clock = new SettableClock(Instant.now());

	final IdentityEngine engine;

	final OAuthClient blocking;

	final ReactiveOAuthClient reactive;

	final SmartOAuthClient smart;

	TestClients(String issuer, String audience) {
		this(issuer, audience, EventLoopPolicy.FAIL);
	}

	TestClients(String issuer, String audience, EventLoopPolicy policy) {
		this(issuer, audience, policy, null, RetryPolicy.DEFAULT);
	}

	/** Clients of an application that also obtains tokens as the given OAuth client. */
	static TestClients withClient(String issuer, String audience, ClientRegistration client, RetryPolicy retry) {
		return new TestClients(issuer, audience, EventLoopPolicy.FAIL, client, retry);
	}

	TestClients(String issuer, String audience, EventLoopPolicy policy, ClientRegistration client, RetryPolicy retry) {
		this(issuer, audience, policy, client, retry, EngineSettings.IntrospectionSettings.DEFAULT);
	}

	TestClients(String issuer, String audience, EventLoopPolicy policy, ClientRegistration client, RetryPolicy retry,
			EngineSettings.IntrospectionSettings introspection) {
		CacheSettings cache = new CacheSettings(Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(1), MINIMUM_REFRESH_INTERVAL, Duration.ofHours(6));
		EngineSettings settings = new EngineSettings(URI.create(issuer),
				ValidationPolicy.withIssuer(issuer)
					.audiences(List.of(audience))
					.algorithms(EnumSet.allOf(JwsAlgorithm.class))
					.build(),
				DiscoveryPolicy.STRICT, cache, cache);
		if (client != null) {
			settings = settings.withClient(client, EngineSettings.TokenSettings.DEFAULT);
		}
		// These tests are about caching and single flights on a provider whose first
		// answers, cold, can
		// take longer than the default shared wait on a busy machine; the shared wait has
		// tests of its own.
		settings = settings.withRetry(retry)
			.withIntrospection(introspection)
			.withFetches(new EngineSettings.FetchLimits(Duration.ofSeconds(10), Duration.ofSeconds(10)));
		this.engine = new IdentityEngine(settings, this.clock);
		// The JDK client, as the auto-configuration gives a smart client's blocking side:
		// a blocking call
		// allowed on an event loop must not go through Reactor Netty.
		this.blocking = new OAuthClient(this.engine,
				RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()).build());
		this.reactive = new ReactiveOAuthClient(this.engine, WebClient.create(), Duration.ofSeconds(10));
		this.smart = new SmartOAuthClient(this.blocking, this.reactive, policy);
	}

	@Override
	public void close() {
		this.engine.close();
	}

	/** A clock that stands still until the test moves it. */
	static final class SettableClock extends Clock {

		private volatile Instant now;

		private final Set<Thread> readers = ConcurrentHashMap.newKeySet();

		private volatile boolean recording;

		SettableClock(Instant now) {
			this.now = now;
		}

		/** From now on, remember which threads read the clock. */
		void recordReaders() {
			this.recording = true;
		}

		/** The threads that read the clock since {@link #recordReaders()}. */
		Set<Thread> readers() {
			return Set.copyOf(this.readers);
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			if (this.recording) {
				this.readers.add(Thread.currentThread());
			}
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
