package dev.identity.engine.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.identity.core.ClientAuthenticationMethod;
import dev.identity.core.ClientRegistration;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.IntrospectionResult;
import dev.identity.core.OAuthErrorException;
import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import dev.identity.engine.internal.ScriptedProvider.Reply;
import dev.identity.engine.internal.transport.RetryPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint and the other provider endpoints the engine posts to, in memory and
 * in simulated time: retries after a jittered back-off drawn from the engine's random
 * source, {@code Retry-After} honoured up to its bound, OAuth error bodies as typed
 * errors, client-credentials tokens cached and fetched once for concurrent callers, and a
 * stalled answer cut off at the deadline.
 */
class TokenEndpointTests {

	/** 200 ms doubling up to 2 s; {@code Retry-After} up to 10 s. */
	private static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2),
			Duration.ofSeconds(10));

	private static final TokenRequest.ClientCredentials READ = TokenRequest.ClientCredentials.ofScopes("read");

	private static final String TOKEN = "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":300}";

	private static final String OTHER_TOKEN = "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"expires_in\":300}";

	private final EngineFixture fixture = fixture(RETRIES);

	private final ScriptedProvider provider = this.fixture.provider;

	private static EngineFixture fixture(RetryPolicy retry) {
		ClientRegistration client = ClientRegistration.withSecret("app", "app-secret",
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		return EngineFixture.withSettings(
				(settings) -> settings.withClient(client, EngineSettings.TokenSettings.DEFAULT).withRetry(retry));
	}

	private CompletableFuture<TokenResponse> requestToken() {
		return this.fixture.engine.requestToken(READ, this.fixture.fetcher);
	}

	private int tokenRequests() {
		return this.provider.requests(this.provider.tokenUri());
	}

	@Test
	void requestTokenWhenServiceUnavailableThenRetriedAfterBackoffJitteredByTheEnginesRandom() {
		this.fixture.random = 0.5;
		this.provider.replies(this.provider.tokenUri(), Reply.status(503), Reply.status(503));
		this.provider.reply(this.provider.tokenUri(), Reply.json(TOKEN));
		CompletableFuture<TokenResponse> response = requestToken();
		// Equal jitter: half of each step fixed, half drawn; 0.5 draws half of the rest.
		assertThat(this.provider.retryDelays()).containsExactly(Duration.ofMillis(150));
		assertThat(response).isNotDone();
		this.fixture.timer.advance(Duration.ofMillis(149));
		assertThat(tokenRequests()).isOne();
		this.fixture.timer.advance(Duration.ofMillis(1));
		assertThat(tokenRequests()).isEqualTo(2);
		assertThat(this.provider.retryDelays()).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300));
		this.fixture.timer.advance(Duration.ofMillis(300));
		assertThat(response).isCompleted();
		assertThat(response.join().getAccessToken()).isEqualTo("at-1");
		assertThat(tokenRequests()).isEqualTo(3);
	}

	@Test
	void requestTokenWhenTooManyRequestsWithRetryAfterThenWaitsAsLongAsTheProviderSaid() {
		this.provider.replies(this.provider.tokenUri(),
				Reply.answer(429, "3", "{\"error\":\"temporarily_unavailable\"}"));
		this.provider.reply(this.provider.tokenUri(), Reply.json(TOKEN));
		CompletableFuture<TokenResponse> response = requestToken();
		assertThat(this.provider.retryDelays()).containsExactly(Duration.ofSeconds(3));
		this.fixture.timer.advance(Duration.ofMillis(2_999));
		assertThat(response).isNotDone();
		this.fixture.timer.advance(Duration.ofMillis(1));
		assertThat(response.join().getAccessToken()).isEqualTo("at-1");
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void requestTokenWhenRetryAfterBeyondItsBoundThenFailsAtOnceCarryingIt() {
		this.provider.reply(this.provider.tokenUri(),
				Reply.answer(429, "60", "{\"error\":\"temporarily_unavailable\"}"));
		Throwable failure = EngineFixture.failureOf(requestToken());
		assertThat(failure).isInstanceOfSatisfying(OAuthErrorException.class, (error) -> {
			assertThat(error.getStatus()).isEqualTo(429);
			assertThat(error.getRetryAfter()).isEqualTo(Duration.ofSeconds(60));
		});
		assertThat(this.provider.retryDelays()).isEmpty();
		assertThat(tokenRequests()).isOne();
	}

	@Test
	void requestTokenWhenOAuthErrorThenTypedErrorWithItsFieldsAndNoRetry() {
		this.provider.reply(this.provider.tokenUri(), Reply.answer(400, null,
				"{\"error\":\"invalid_scope\",\"error_description\":\"scope 'read' is not allowed\"}"));
		Throwable failure = EngineFixture.failureOf(requestToken());
		assertThat(failure).isInstanceOfSatisfying(OAuthErrorException.class, (error) -> {
			assertThat(error.getError()).isEqualTo("invalid_scope");
			assertThat(error.getErrorDescription()).isEqualTo("scope 'read' is not allowed");
			assertThat(error.getStatus()).isEqualTo(400);
			assertThat(error.getEndpoint()).isEqualTo("token");
		});
		assertThat(tokenRequests()).isOne();
	}

	@Test
	void requestTokenWhenProviderStallsThenTheAttemptFailsAtTheDeadline() {
		EngineFixture fixture = fixture(RetryPolicy.NONE);
		ScriptedProvider provider = fixture.provider;
		provider.reply(provider.tokenUri(), Reply.delayed(Duration.ofHours(1), Reply.json(TOKEN)));
		CompletableFuture<TokenResponse> response = fixture.engine.requestToken(READ, fixture.fetcher);
		Duration deadline = EngineSettings.FetchLimits.DEFAULT.deadline();
		fixture.timer.advance(deadline.minusMillis(1));
		assertThat(response).isNotDone();
		fixture.timer.advance(Duration.ofMillis(1));
		assertThat(EngineFixture.failureOf(response)).isInstanceOf(IdentityProviderException.class)
			.hasMessageContaining("no complete response within " + deadline.toMillis() + " ms");
	}

	@Test
	void requestTokenWhenAStalledAttemptPassesItsDeadlineThenRetried() {
		this.provider.replies(this.provider.tokenUri(), Reply.delayed(Duration.ofHours(1), Reply.json(OTHER_TOKEN)));
		this.provider.reply(this.provider.tokenUri(), Reply.json(TOKEN));
		this.fixture.random = 0;
		CompletableFuture<TokenResponse> response = requestToken();
		this.fixture.timer.advance(EngineSettings.FetchLimits.DEFAULT.deadline());
		assertThat(this.provider.retryDelays()).containsExactly(Duration.ofMillis(100));
		this.fixture.timer.advance(Duration.ofMillis(100));
		assertThat(response.join().getAccessToken()).isEqualTo("at-1");
	}

	@Test
	void clientCredentialsWhenCachedThenServedWithoutRequestUntilRenewalSkew() {
		this.provider.replies(this.provider.tokenUri(), Reply.json(TOKEN));
		this.provider.reply(this.provider.tokenUri(), Reply.json(OTHER_TOKEN));
		IdentityEngine engine = this.fixture.engine;
		assertThat(engine.clientCredentials(READ, this.fixture.fetcher).join().getAccessToken()).isEqualTo("at-1");
		// 300 s lifetime, renewed 60 s before expiry.
		this.fixture.clock.advance(Duration.ofSeconds(239));
		assertThat(engine.clientCredentials(READ, this.fixture.fetcher).join().getAccessToken()).isEqualTo("at-1");
		assertThat(tokenRequests()).isOne();
		this.fixture.clock.advance(Duration.ofSeconds(1));
		assertThat(engine.cachedClientCredentials(READ)).isNull();
		assertThat(engine.clientCredentials(READ, this.fixture.fetcher).join().getAccessToken()).isEqualTo("at-2");
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void clientCredentialsWhenConcurrentCallersOfTwoTransportsThenOneTokenRequest() {
		this.provider.reply(this.provider.tokenUri(), Reply.json(TOKEN));
		IdentityEngine engine = this.fixture.engine;
		engine.discovery(this.fixture.fetcher).join();
		this.provider.hold();
		ScriptedProvider.Fetcher other = this.provider.fetcher();
		CompletableFuture<TokenResponse> first = engine.clientCredentials(READ, this.fixture.fetcher);
		CompletableFuture<TokenResponse> second = engine.clientCredentials(READ, other);
		assertThat(this.provider.held(this.provider.tokenUri())).isOne();
		assertThat(other.requests()).isZero();
		assertThat(this.provider.release(this.provider.tokenUri())).isOne();
		assertThat(first.join().getAccessToken()).isEqualTo("at-1");
		assertThat(second.join().getAccessToken()).isEqualTo("at-1");
		assertThat(tokenRequests()).isOne();
	}

	@Test
	void clientCredentialsWhenRequestFailedThenFailureNotCached() {
		this.provider.replies(this.provider.tokenUri(), Reply.answer(401, null, "{\"error\":\"invalid_client\"}"));
		this.provider.reply(this.provider.tokenUri(), Reply.json(TOKEN));
		IdentityEngine engine = this.fixture.engine;
		assertThat(EngineFixture.failureOf(engine.clientCredentials(READ, this.fixture.fetcher)))
			.isInstanceOf(OAuthErrorException.class);
		assertThat(engine.clientCredentials(READ, this.fixture.fetcher).join().getAccessToken()).isEqualTo("at-1");
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void introspectWhenServerErrorThenRetriedAsAHarmlessRepeat() {
		this.fixture.random = 0;
		this.provider.replies(this.provider.introspectionUri(), Reply.status(500));
		this.provider.reply(this.provider.introspectionUri(), Reply.json("{\"active\":true,\"sub\":\"alice\"}"));
		CompletableFuture<IntrospectionResult> result = this.fixture.engine.introspect("opaque-1", "access_token",
				this.fixture.fetcher);
		assertThat(this.provider.retryDelays()).containsExactly(Duration.ofMillis(100));
		this.fixture.timer.advance(Duration.ofMillis(100));
		assertThat(result.join().isActive()).isTrue();
		assertThat(this.provider.requests(this.provider.introspectionUri())).isEqualTo(2);
	}

	@Test
	void revokeWhenProviderAnswersAnOAuthErrorThenTypedErrorAfterOnePost() {
		this.provider.reply(this.provider.revocationUri(),
				Reply.answer(400, null, "{\"error\":\"unsupported_token_type\"}"));
		Throwable failure = EngineFixture
			.failureOf(this.fixture.engine.revoke("opaque-1", "refresh_token", this.fixture.fetcher));
		assertThat(failure).isInstanceOfSatisfying(OAuthErrorException.class,
				(error) -> assertThat(error.getError()).isEqualTo("unsupported_token_type"));
		List<Map.Entry<String, String>> form = this.provider.posts().get(0).form();
		assertThat(form).contains(Map.entry("token", "opaque-1"), Map.entry("token_type_hint", "refresh_token"));
		assertThat(this.provider.requests(this.provider.revocationUri())).isOne();
	}

}
