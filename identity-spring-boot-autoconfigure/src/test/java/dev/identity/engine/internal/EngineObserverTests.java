package dev.identity.engine.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.identity.core.ClientAuthenticationMethod;
import dev.identity.core.ClientRegistration;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenRequest;
import dev.identity.engine.internal.ScriptedProvider.Reply;
import dev.identity.engine.internal.transport.FetchedResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an engine tells its observer: each validation's outcome once, whether the pass
 * without I/O answered or a validation that fetched first; key and client-credentials
 * cache lookups; and each request to the provider by its endpoint.
 */
class EngineObserverTests {

	private static final TokenRequest.ClientCredentials READ = TokenRequest.ClientCredentials.ofScopes("read");

	private final Recorder recorder = new Recorder();

	private final EngineFixture fixture = EngineFixture.observedBy(this.recorder, UnaryOperator.identity());

	private final IdentityEngine engine = this.fixture.engine;

	/** As every client validates: the pass without I/O first, then the full one. */
	private void validateAsClientsDo(String token) {
		try {
			if (this.engine.validateIfCached(token, this.fixture.fetcher) != null) {
				return;
			}
		}
		catch (RuntimeException ex) {
			return;
		}
		this.engine.validate(token, this.fixture.fetcher).exceptionally((failure) -> null).join();
	}

	@Test
	void validateWhenFirstUseFetchesThenOneValidationAndOneKeyMiss() {
		validateAsClientsDo(this.fixture.tokens.signedBy(TestTokens.FIRST));

		assertThat(this.recorder.outcomes).containsExactly("valid");
		assertThat(this.recorder.lookups).containsExactly("keys:miss");
		assertThat(this.recorder.requests).containsExactly("discovery", "jwks");
	}

	@Test
	void validateWhenKeysCachedThenOneValidationAndOneKeyHitEach() {
		this.fixture.warm();
		this.recorder.clear();

		// Signed at different seconds: two distinct tokens, neither seen before.
		this.fixture.clock.advance(Duration.ofSeconds(1));
		validateAsClientsDo(this.fixture.tokens.signedBy(TestTokens.FIRST));
		this.fixture.clock.advance(Duration.ofSeconds(1));
		validateAsClientsDo(this.fixture.tokens.signedBy(TestTokens.FIRST));

		assertThat(this.recorder.outcomes).containsExactly("valid", "valid");
		assertThat(this.recorder.lookups).containsExactly("keys:hit", "keys:hit");
		assertThat(this.recorder.requests).isEmpty();
	}

	@Test
	void validateWhenTokenSeenBeforeThenCountedAsValidationWithoutKeyLookup() {
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		validateAsClientsDo(token);
		this.recorder.clear();

		validateAsClientsDo(token);

		assertThat(this.recorder.outcomes).containsExactly("valid");
		assertThat(this.recorder.lookups).isEmpty();
		assertThat(this.engine.validationCacheStats().hits()).isOne();
	}

	@Test
	void validateWhenRefusedThenFirstFailedCheckReportedOnce() {
		this.fixture.warm();
		this.recorder.clear();

		validateAsClientsDo("not-a-token");
		validateAsClientsDo(this.fixture.tokens.signedBy(TestTokens.SECOND));

		assertThat(this.recorder.outcomes).containsExactly("invalid:format", "invalid:key");
		// The unknown key waited for one refresh of the set: a miss.
		assertThat(this.recorder.lookups).containsExactly("keys:miss");
		assertThat(this.recorder.requests).containsExactly("jwks");
	}

	@Test
	void validateWhenProviderDownThenProviderErrorReported() {
		this.fixture.provider.reply(this.fixture.provider.discoveryUri(), Reply.status(503));

		validateAsClientsDo(this.fixture.tokens.signedBy(TestTokens.FIRST));

		assertThat(this.recorder.outcomes).containsExactly("provider_error");
		assertThat(this.recorder.requests).containsExactly("discovery");
	}

	@Test
	void validateWhenFutureCancelledThenCancellingReachesTheValidation() {
		this.fixture.provider.hold();
		CompletableFuture<?> validation = this.engine.validate(this.fixture.tokens.signedBy(TestTokens.FIRST),
				this.fixture.fetcher);

		validation.cancel(false);
		this.fixture.provider.release(this.fixture.provider.discoveryUri());

		// Cancelled, the validation does not go on to fetch the keys, and has no outcome.
		assertThat(this.recorder.requests).containsExactly("discovery");
		assertThat(this.recorder.outcomes).isEmpty();
	}

	@Test
	void clientCredentialsWhenCachedThenHitElseOneMissPerRequest() {
		ClientRegistration client = ClientRegistration.withSecret("app", "app-secret",
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		Recorder recorder = new Recorder();
		EngineFixture fixture = EngineFixture.observedBy(recorder,
				(settings) -> settings.withClient(client, EngineSettings.TokenSettings.DEFAULT));
		fixture.provider.replies(fixture.provider.tokenUri(),
				Reply.json("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":300}"));

		// As the clients ask: the cache first, then the engine.
		assertThat(fixture.engine.cachedClientCredentials(READ)).isNull();
		fixture.engine.clientCredentials(READ, fixture.fetcher).join();
		assertThat(fixture.engine.cachedClientCredentials(READ)).isNotNull();
		fixture.clock.advance(Duration.ofSeconds(10));
		fixture.engine.clientCredentials(READ, fixture.fetcher).join();

		assertThat(recorder.lookups).containsExactly("client_credentials:miss", "client_credentials:hit",
				"client_credentials:hit");
		assertThat(recorder.requests).containsExactly("discovery", "token");
	}

	/** Records what the engine reports, as text. */
	static final class Recorder implements EngineObserver {

		final List<String> outcomes = new ArrayList<>();

		final List<String> lookups = new ArrayList<>();

		final List<String> requests = new ArrayList<>();

		void clear() {
			this.outcomes.clear();
			this.lookups.clear();
			this.requests.clear();
		}

		@Override
		public void validated() {
			this.outcomes.add("valid");
		}

		@Override
		public void rejected(TokenCheck firstFailedCheck) {
			this.outcomes.add("invalid:" + firstFailedCheck.name().toLowerCase(Locale.ROOT));
		}

		@Override
		public void failed(Throwable failure) {
			this.outcomes.add((failure instanceof IdentityProviderException) ? "provider_error" : "error");
		}

		@Override
		public void cacheLookup(Cache cache, boolean hit) {
			this.lookups.add(cache.tag() + ":" + (hit ? "hit" : "miss"));
		}

		@Override
		public CompletableFuture<FetchedResponse> providerRequest(String endpoint,
				Supplier<CompletableFuture<FetchedResponse>> request) {
			this.requests.add(endpoint);
			return request.get();
		}

	}

}
