package dev.identity.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.RSAKey;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.ValidatedToken;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.identity.engine.internal.EngineFixture.JWKS_TTL;
import static dev.identity.engine.internal.EngineFixture.MINIMUM_REFRESH_INTERVAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation: an unknown {@code kid} triggers one rate-limited refresh, a removed key
 * stops validating after the next refresh, and an unusable answer never replaces good
 * keys.
 */
class IdentityEngineKeyRotationTests {

	private final EngineFixture fixture = new EngineFixture();

	private final ScriptedProvider provider = this.fixture.provider;

	@Test
	void validateWhenKidUnknownThenOneRefresh() {
		this.fixture.warm();
		this.provider.serveKeys(TestTokens.FIRST, TestTokens.SECOND);
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);

		assertThat(this.fixture.validate(TestTokens.SECOND).getKeyId()).isEqualTo("second");
		assertThat(this.provider.jwksRequests()).isEqualTo(2);

		this.fixture.validate(TestTokens.SECOND);
		this.fixture.validate(TestTokens.FIRST);
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
		assertThat(this.provider.discoveryRequests()).isOne();
	}

	@Test
	void validateWhenKeyPublishedSecondAfterFetchThenAcceptedAtFirstSightWithOneRequest() {
		this.fixture.warm();
		this.provider.serveKeys(TestTokens.FIRST, TestTokens.SECOND);
		this.fixture.clock.advance(Duration.ofSeconds(1));

		// The routine fetch a second ago does not count against refreshes for unknown
		// keys.
		assertThat(this.fixture.validate(TestTokens.SECOND).getKeyId()).isEqualTo("second");
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
		assertThat(this.fixture.validate(TestTokens.SECOND).getKeyId()).isEqualTo("second");
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
	}

	@Test
	void validateWhenUnknownKidRightAfterRefreshForUnknownKidThenKeyRejectedWithoutRequest() {
		this.fixture.warm();
		this.fixture.keyRejection(this.fixture.tokens.forged("made-up", new java.util.Random(1)));
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
		this.provider.serveKeys(TestTokens.FIRST, TestTokens.SECOND);
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL.minusSeconds(1));

		InvalidTokenException rejected = this.fixture.keyRejection(this.fixture.tokens.signedBy(TestTokens.SECOND));
		assertThat(rejected.getMessage()).contains("second");
		assertThat(this.provider.jwksRequests()).isEqualTo(2);

		this.fixture.clock.advance(Duration.ofSeconds(1));
		assertThat(this.fixture.validate(TestTokens.SECOND).getKeyId()).isEqualTo("second");
		assertThat(this.provider.jwksRequests()).isEqualTo(3);
	}

	@Test
	void validateWhenKidStillUnknownAfterRefreshThenKeyRejectedAndNoSecondRequest() {
		this.fixture.warm();
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);

		this.fixture.keyRejection(this.fixture.tokens.signedBy(TestTokens.SECOND));
		this.fixture.keyRejection(this.fixture.tokens.signedBy(TestTokens.SECOND));

		assertThat(this.provider.jwksRequests()).isEqualTo(2);
	}

	@Test
	void validateWhenUnknownKidArrivesWhileRefreshAheadReplacesSetThenNoSecondFetch() {
		// The refresh ahead runs (inline) after this validation read the old set; the
		// unknown-kid
		// refresh that follows must see the set was replaced and use it instead of
		// fetching again.
		EngineFixture inline = EngineFixture.runningBackgroundInline();
		inline.warm();
		inline.provider.serveKeys(TestTokens.FIRST, TestTokens.SECOND);
		inline.clock.advance(JWKS_TTL.minus(EngineFixture.JWKS_REFRESH_AHEAD));

		assertThat(inline.validate(TestTokens.SECOND).getKeyId()).isEqualTo("second");
		assertThat(inline.provider.jwksRequests()).isEqualTo(2);
	}

	@Test
	void validateWhenFloodOfUnknownKidsThenFetchesBoundedByMinimumRefreshInterval() {
		Random random = new Random(20260101);
		Duration step = Duration.ofSeconds(1);
		Duration span = Duration.ofMinutes(10);
		this.fixture.warm();
		String valid = this.fixture.tokens.signedBy(TestTokens.FIRST);

		for (Duration elapsed = Duration.ZERO; elapsed.compareTo(span) < 0; elapsed = elapsed.plus(step)) {
			this.fixture.clock.advance(step);
			for (int i = 0; i < 5; i++) {
				String kid = "forged-" + Long.toHexString(random.nextLong());
				this.fixture.keyRejection(this.fixture.tokens.forged(kid, random));
			}
			assertThat(this.fixture.validate(valid).getKeyId()).isEqualTo("first");
		}

		long bound = 1 + span.dividedBy(MINIMUM_REFRESH_INTERVAL);
		assertThat(this.provider.jwksRequests()).isGreaterThan(1).isLessThanOrEqualTo((int) bound);
		assertThat(this.provider.discoveryRequests()).isOne();
	}

	@Test
	void validateWhenKidRemovedFromSetThenRejectedAfterNextRefresh() {
		this.provider.serveKeys(TestTokens.FIRST, TestTokens.SECOND);
		this.fixture.warm();
		this.provider.serveKeys(TestTokens.SECOND);

		// Until the next refresh the cached set still holds the key.
		this.fixture.validate(TestTokens.FIRST);

		this.fixture.clock.advance(JWKS_TTL);
		assertThat(this.fixture.validate(TestTokens.SECOND).getKeyId()).isEqualTo("second");
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
		// The removed key is unknown now: one refresh looks for it, then the limit holds.
		this.fixture.keyRejection(this.fixture.tokens.signedBy(TestTokens.FIRST));
		assertThat(this.provider.jwksRequests()).isEqualTo(3);
		this.fixture.keyRejection(this.fixture.tokens.signedBy(TestTokens.FIRST));
		assertThat(this.provider.jwksRequests()).isEqualTo(3);

		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);
		this.fixture.keyRejection(this.fixture.tokens.signedBy(TestTokens.FIRST));
		assertThat(this.provider.jwksRequests()).isEqualTo(4);
	}

	@Test
	void validateWhenRefreshForUnknownKidDropsKnownKidThenKnownKidRejected() {
		this.fixture.warm();
		this.provider.serveKeys(TestTokens.SECOND);
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);

		this.fixture.validate(TestTokens.SECOND);

		this.fixture.keyRejection(this.fixture.tokens.signedBy(TestTokens.FIRST));
	}

	@Test
	void validateWhenRefreshSharedThenEachValidationGoesOnOnItsCallersExecutor() {
		this.fixture.warm();
		this.provider.serveKeys(TestTokens.FIRST, TestTokens.SECOND);
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);
		this.provider.hold();
		QueueExecutor firstCaller = new QueueExecutor();
		QueueExecutor secondCaller = new QueueExecutor();

		CompletableFuture<ValidatedToken> first = this.fixture.engine
			.validate(this.fixture.tokens.signedBy(TestTokens.SECOND), this.fixture.fetcher, firstCaller);
		CompletableFuture<ValidatedToken> second = this.fixture.engine
			.validate(this.fixture.tokens.signedBy(TestTokens.SECOND), this.fixture.fetcher, secondCaller);
		assertThat(this.provider.release(this.provider.jwksUri())).as("one fetch, shared").isOne();

		// The thread that completed the fetch verified neither token.
		assertThat(first).isNotDone();
		assertThat(second).isNotDone();
		assertThat(firstCaller.runAll()).isOne();
		assertThat(first).isCompletedWithValueMatching((token) -> "second".equals(token.getKeyId()));
		assertThat(second).isNotDone();
		assertThat(secondCaller.runAll()).isOne();
		assertThat(second).isCompletedWithValueMatching((token) -> "second".equals(token.getKeyId()));
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
	}

	@Test
	void validateWhenNewSetHoldsAMalformedKeyBesideTheNewOneThenNewKidAccepted() {
		this.fixture.warm();
		String keys = ScriptedProvider.jwksJson(TestTokens.FIRST, TestTokens.SECOND);
		String malformed = "{\"kty\":\"RSA\",\"kid\":\"broken\",\"n\":\"AQAB\"}";
		this.provider.reply(this.provider.jwksUri(),
				ScriptedProvider.Reply.ok(keys.replace("{\"keys\":[", "{\"keys\":[" + malformed + ","), null));
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);

		assertThat(this.fixture.validate(TestTokens.SECOND).getKeyId()).isEqualTo("second");
		assertThat(this.fixture.engine.cachedKeys()).isNotNull()
			.satisfies((cached) -> assertThat(cached.ignored()).singleElement(InstanceOfAssertFactories.STRING)
				.startsWith("key 'broken' (RSA)"));
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
	}

	@Test
	void validateWhenKidHoldsControlCharactersThenMessageShowsThemReplaced() throws Exception {
		this.fixture.warm();
		RSAKey forged = new RSAKey.Builder(TestTokens.SECOND).keyID("evil\nkid\u001b[31m").build();
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);

		InvalidTokenException rejected = this.fixture.keyRejection(this.fixture.tokens.signedBy(forged));

		assertThat(rejected.getMessage()).contains("'evil?kid?[31m'").doesNotContain("\n").doesNotContain("\u001b");
	}

	static Stream<Arguments> unusableAnswers() {
		URI jwks = URI.create(ScriptedProvider.ISSUER + "/jwks");
		return Stream.of(Arguments.of("empty set", ScriptedProvider.Reply.ok("{\"keys\":[]}", null)),
				Arguments.of("malformed JSON", ScriptedProvider.Reply.ok("{\"keys\":[", null)),
				Arguments.of("HTML page", ScriptedProvider.Reply.ok("<html>maintenance</html>", null)),
				Arguments.of("symmetric keys only",
						ScriptedProvider.Reply.ok("{\"keys\":[{\"kty\":\"oct\",\"kid\":\"s\",\"k\":\"c2VjcmV0\"}]}",
								null)),
				Arguments.of("HTTP 500", ScriptedProvider.Reply.status(500)),
				Arguments.of("HTTP 404", ScriptedProvider.Reply.status(404)),
				Arguments.of("no response",
						ScriptedProvider.Reply
							.failWith(new IdentityProviderException("jwks", jwks, "connect timed out"))),
				Arguments.of("transport error",
						ScriptedProvider.Reply.failWith(new UncheckedIOException(new IOException("reset")))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unusableAnswers")
	void validateWhenRefreshAtExpiryAnswersUnusableThenPreviousKeysKeepValidating(String description,
			ScriptedProvider.Reply answer) {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), answer);
		this.fixture.clock.advance(JWKS_TTL);

		assertThat(this.fixture.validate(TestTokens.FIRST).getKeyId()).isEqualTo("first");
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
		assertThat(this.fixture.engine.cachedKeys()).isNotNull()
			.satisfies((keys) -> assertThat(keys.contains("first")).isTrue());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unusableAnswers")
	void validateWhenRefreshForUnknownKidAnswersUnusableThenPreviousKeysKeepValidating(String description,
			ScriptedProvider.Reply answer) {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), answer);
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);

		this.fixture.keyRejection(this.fixture.tokens.signedBy(TestTokens.SECOND));

		assertThat(this.provider.jwksRequests()).isEqualTo(2);
		assertThat(this.fixture.validate(TestTokens.FIRST).getKeyId()).isEqualTo("first");
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unusableAnswers")
	void validateWhenRefreshAheadAnswersUnusableThenPreviousKeysKeepValidating(String description,
			ScriptedProvider.Reply answer) {
		this.fixture.warm();
		this.provider.reply(this.provider.jwksUri(), answer);
		this.fixture.clock.advance(JWKS_TTL.minus(EngineFixture.JWKS_REFRESH_AHEAD));

		this.fixture.validate(TestTokens.FIRST);
		assertThat(this.fixture.background.runAll()).isOne();

		assertThat(this.provider.jwksRequests()).isEqualTo(2);
		assertThat(this.fixture.validate(TestTokens.FIRST).getKeyId()).isEqualTo("first");
	}

}
