package dev.identity.autoconfigure.health;

import java.time.Instant;
import java.util.Map;

import dev.identity.engine.internal.EngineFixture;
import dev.identity.engine.internal.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health of one issuer's provider during an outage, on the in-memory engine with a
 * simulated clock: UP and naming the failure within the outage tolerance, DOWN past it,
 * with the endpoint, status and since when; never a URL or a token.
 */
class ProviderHealthIndicatorTests {

	private final EngineFixture fixture = new EngineFixture();

	private final ProviderHealthIndicator indicator = new ProviderHealthIndicator(this.fixture.engine);

	@Test
	void healthWhenOutageOutlastsToleranceThenDownWithLastFailure() {
		this.fixture.warm();
		this.fixture.provider.replyStatus(this.fixture.provider.jwksUri(), 500);
		this.fixture.clock.advance(EngineFixture.JWKS_TTL);
		Instant failedAt = this.fixture.clock.instant();
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		this.fixture.validate(token);

		Health during = this.indicator.health();
		this.fixture.clock.advance(EngineFixture.JWKS_OUTAGE_TOLERANCE);
		Health after = this.indicator.health();

		assertThat(during.getStatus()).isEqualTo(Status.UP);
		assertThat(after.getStatus()).isEqualTo(Status.DOWN);
		assertThat(after.getDetails()).containsEntry("keys", 1)
			.containsEntry("keySetAge", EngineFixture.JWKS_TTL.plus(EngineFixture.JWKS_OUTAGE_TOLERANCE).toString())
			.containsEntry("lastFailure", Map.of("endpoint", "jwks", "status", 500, "kind", "http_error", "since",
					failedAt.toString(), "failuresInARow", 1));
		assertThat(after.toString()).doesNotContain(this.fixture.provider.issuer(), token);
	}

	@Test
	void healthWhenNeverUsedThenUnknown() {
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
	}

}
