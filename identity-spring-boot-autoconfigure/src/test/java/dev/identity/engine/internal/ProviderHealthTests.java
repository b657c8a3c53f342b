package dev.identity.engine.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static dev.identity.engine.internal.EngineFixture.JWKS_OUTAGE_TOLERANCE;
import static dev.identity.engine.internal.EngineFixture.JWKS_REFRESH_AHEAD;
import static dev.identity.engine.internal.EngineFixture.JWKS_TTL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engine's view of its provider, read from its caches: UNKNOWN before first use, UP
 * while discovery and keys are usable (also during an outage within its tolerance), DOWN
 * once the keys are past it, with the last failure named; and reading it never asks the
 * provider anything.
 */
class ProviderHealthTests {

	private static final Duration SECOND = Duration.ofSeconds(1);

	private final EngineFixture fixture = new EngineFixture();

	private final ScriptedProvider provider = this.fixture.provider;

	@Test
	void healthWhenEngineNeverUsedThenUnknownWithoutDetails() {
		ProviderHealth health = this.fixture.engine.health();

		assertThat(health.state()).isEqualTo(ProviderHealth.State.UNKNOWN);
		assertThat(health.keyCount()).isNull();
		assertThat(health.keySetAge()).isNull();
		assertThat(health.lastFailure()).isNull();
		assertThat(this.provider.endpoints()).isEmpty();
	}

	@Test
	void healthWhenKeysFetchedThenUpWithKeyCountAndAge() {
		this.provider.serveKeys(TestTokens.FIRST, TestTokens.SECOND);
		this.fixture.warm();
		this.fixture.clock.advance(Duration.ofSeconds(42));

		ProviderHealth health = this.fixture.engine.health();

		assertThat(health.state()).isEqualTo(ProviderHealth.State.UP);
		assertThat(health.keyCount()).isEqualTo(2);
		assertThat(health.keySetAge()).isEqualTo(Duration.ofSeconds(42));
		assertThat(health.lastFailure()).isNull();
	}

	@Test
	void healthWhenProviderDownWithinOutageToleranceThenUpNamingTheFailure() {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(500));
		this.fixture.clock.advance(JWKS_TTL);
		Instant failedAt = this.fixture.clock.instant();
		this.fixture.validate(TestTokens.FIRST);

		ProviderHealth health = this.fixture.engine.health();

		assertThat(health.state()).isEqualTo(ProviderHealth.State.UP);
		assertThat(health.keyCount()).isEqualTo(1);
		assertThat(health.lastFailure()).isEqualTo(new ProviderHealth.Failure("jwks", 500, "http_error", failedAt, 1));
	}

	@Test
	void healthWhenOutageOutlastsToleranceThenDownSinceTheFirstFailure() {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(500));
		this.fixture.clock.advance(JWKS_TTL);
		Instant failedAt = this.fixture.clock.instant();
		this.fixture.validate(TestTokens.FIRST);
		this.fixture.clock.advance(JWKS_OUTAGE_TOLERANCE.minus(SECOND));
		this.fixture.validate(TestTokens.FIRST);
		assertThat(this.fixture.engine.health().state()).isEqualTo(ProviderHealth.State.UP);

		// No request comes in: the tolerance ends all the same.
		this.fixture.clock.advance(SECOND);
		ProviderHealth health = this.fixture.engine.health();

		assertThat(health.state()).isEqualTo(ProviderHealth.State.DOWN);
		ProviderHealth.Failure failure = health.lastFailure();
		assertThat(failure).isNotNull();
		assertThat(failure.endpoint()).isEqualTo("jwks");
		assertThat(failure.status()).isEqualTo(500);
		assertThat(failure.since()).isEqualTo(failedAt);
		assertThat(failure.failuresInARow()).isEqualTo(2);
		assertThat(health.keySetAge()).isEqualTo(JWKS_TTL.plus(JWKS_OUTAGE_TOLERANCE));
	}

	@Test
	void healthWhenProviderNeverAnsweredThenDownWithNoResponse() {
		this.provider.reply(this.provider.discoveryUri(),
				ScriptedProvider.Reply.failWith(new IOException("connection refused")));
		this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));

		ProviderHealth health = this.fixture.engine.health();

		assertThat(health.state()).isEqualTo(ProviderHealth.State.DOWN);
		ProviderHealth.Failure failure = health.lastFailure();
		assertThat(failure).isNotNull();
		assertThat(failure.endpoint()).isEqualTo("discovery");
		assertThat(failure.kind()).isEqualTo("no_response");
		assertThat(health.keyCount()).isNull();
	}

	@Test
	void healthWhenProviderReturnsThenUpAndFailureForgotten() {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(500));
		this.fixture.clock.advance(JWKS_TTL.plus(JWKS_OUTAGE_TOLERANCE));
		this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		assertThat(this.fixture.engine.health().state()).isEqualTo(ProviderHealth.State.DOWN);

		this.provider.serveKeys(TestTokens.FIRST);
		this.fixture.clock.advance(EngineFixture.MINIMUM_REFRESH_INTERVAL);
		this.fixture.validate(TestTokens.FIRST);

		ProviderHealth health = this.fixture.engine.health();
		assertThat(health.state()).isEqualTo(ProviderHealth.State.UP);
		assertThat(health.lastFailure()).isNull();
		assertThat(health.keySetAge()).isEqualTo(Duration.ZERO);
	}

	@Test
	void healthWhenRefreshDueThenNoRequestAndNoRefreshStarted() {
		this.fixture.warm();
		int requests = this.provider.endpoints().size();
		// Inside the refresh-ahead window: a validation now would start a refresh.
		this.fixture.clock.advance(JWKS_TTL.minus(JWKS_REFRESH_AHEAD).plus(SECOND));

		for (int i = 0; i < 10; i++) {
			assertThat(this.fixture.engine.health().state()).isEqualTo(ProviderHealth.State.UP);
		}

		assertThat(this.fixture.background.size()).isZero();
		assertThat(this.provider.endpoints()).hasSize(requests);
		// The same moment, a validation does start one: the window was open.
		this.fixture.validate(TestTokens.FIRST);
		assertThat(this.fixture.background.size()).isOne();
	}

}
