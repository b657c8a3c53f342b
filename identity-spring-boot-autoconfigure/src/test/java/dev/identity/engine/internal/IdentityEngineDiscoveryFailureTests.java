package dev.identity.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.identity.core.IdentityProviderException;
import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.identity.engine.internal.EngineFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A discovery document that breaks the policy, or a provider that fails before anything
 * was cached, gives a provider failure naming the endpoint; the failure is remembered for
 * the minimum refresh interval and no longer.
 */
class IdentityEngineDiscoveryFailureTests {

	private static final String ISSUER = ScriptedProvider.ISSUER;

	private final EngineFixture fixture = new EngineFixture();

	private final ScriptedProvider provider = this.fixture.provider;

	static Stream<Arguments> policyViolations() {
		return Stream.of(
				Arguments.of("issuer mismatch", ScriptedProvider.discoveryJson("https://other.test", ISSUER + "/jwks"),
						"differs from the configured issuer"),
				Arguments.of("issuer with trailing slash",
						ScriptedProvider.discoveryJson(ISSUER + "/", ISSUER + "/jwks"),
						"differs from the configured issuer"),
				Arguments.of("http on a non-loopback host",
						ScriptedProvider.discoveryJson(ISSUER, "http://issuer.test/jwks"), "does not use HTTPS"),
				Arguments.of("jwks on another host",
						ScriptedProvider.discoveryJson(ISSUER, "https://keys.elsewhere.test/jwks"),
						"not the issuer's host"),
				Arguments.of("no jwks_uri", "{\"issuer\":\"" + ISSUER + "\"}", "no jwks_uri"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policyViolations")
	void validateWhenDiscoveryViolatesPolicyThenProviderExceptionNamingDiscovery(String description, String document,
			String reason) {
		this.provider.serveDiscovery(document);

		IdentityProviderException failure = this.fixture
			.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));

		assertThat(failure.getEndpoint()).isEqualTo("discovery");
		assertThat(failure.getUri()).isEqualTo(this.provider.discoveryUri());
		assertThat(failure.getMessage()).contains("discovery", reason);
		assertThat(this.provider.jwksRequests()).isZero();
		assertThat(this.fixture.engine.cachedDiscovery()).isNull();

		for (int i = 0; i < 5; i++) {
			this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		}
		assertThat(this.provider.discoveryRequests()).isOne();
	}

	@Test
	void validateWhenIssuerIsLoopbackThenHttpAllowed() {
		EngineFixture loopback = new EngineFixture(new ScriptedProvider("http://127.0.0.1:8080"),
				EngineFixture.DISCOVERY_CACHE, EngineFixture.JWKS_CACHE);

		assertThat(loopback.validate(TestTokens.FIRST).getIssuer()).isEqualTo("http://127.0.0.1:8080");
		assertThat(loopback.provider.jwksRequests()).isOne();
	}

	static Stream<Arguments> failures() {
		URI discovery = URI.create(ISSUER + "/.well-known/openid-configuration");
		return Stream.of(Arguments.of("HTTP 500", ScriptedProvider.Reply.status(500)),
				Arguments.of("HTTP 404", ScriptedProvider.Reply.status(404)),
				Arguments.of("malformed JSON", ScriptedProvider.Reply.ok("{\"issuer\":", null)),
				Arguments.of("JSON array", ScriptedProvider.Reply.ok("[]", null)),
				Arguments.of("no response",
						ScriptedProvider.Reply
							.failWith(new IdentityProviderException("discovery", discovery, "connect timed out"))),
				Arguments.of("transport error",
						ScriptedProvider.Reply.failWith(new UncheckedIOException(new IOException("reset")))),
				Arguments.of("transport throws",
						ScriptedProvider.Reply.throwing(new IllegalStateException("connection pool shut down"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void validateWhenDiscoveryFailsOnColdCacheThenProviderExceptionAndNoRequestWithinBackoff(String description,
			ScriptedProvider.Reply answer) {
		this.provider.reply(this.provider.discoveryUri(), answer);

		IdentityProviderException failure = this.fixture
			.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		assertThat(failure.getEndpoint()).isEqualTo("discovery");
		assertThat(failure.getMessage()).contains("discovery");

		this.fixture.clock.advance(EngineFixture.FIRST_BACKOFF.minusMillis(1));
		IdentityProviderException again = this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		assertThat(again).isSameAs(failure);
		assertThat(this.provider.discoveryRequests()).isOne();
		assertThat(this.provider.jwksRequests()).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void validateWhenDiscoveryFailedAndBackoffPassedThenFetchesAgainAndSucceeds(String description,
			ScriptedProvider.Reply answer) {
		this.provider.reply(this.provider.discoveryUri(), answer);
		this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));

		this.provider.serveDiscovery(ScriptedProvider.discoveryJson(ISSUER, ISSUER + "/jwks"));
		this.fixture.clock.advance(EngineFixture.FIRST_BACKOFF);

		assertThat(this.fixture.validate(TestTokens.FIRST).getSubject()).isEqualTo("alice");
		assertThat(this.provider.discoveryRequests()).isEqualTo(2);
		assertThat(this.provider.jwksRequests()).isOne();
	}

	@Test
	void validateWhenFirstJwksFetchFailedAndBackoffPassedThenFetchesAgainAndSucceeds() {
		this.provider.reply(this.provider.jwksUri(), ScriptedProvider.Reply.status(500));
		IdentityProviderException failure = this.fixture
			.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		assertThat(failure.getEndpoint()).isEqualTo("jwks");

		this.fixture.clock.advance(EngineFixture.FIRST_BACKOFF.minusMillis(1));
		this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		assertThat(this.provider.jwksRequests()).isOne();

		this.provider.serveKeys(TestTokens.FIRST);
		this.fixture.clock.advance(Duration.ofMillis(1));
		assertThat(this.fixture.validate(TestTokens.FIRST).getKeyId()).isEqualTo("first");
		assertThat(this.provider.jwksRequests()).isEqualTo(2);
		assertThat(this.provider.discoveryRequests()).isOne();
	}

	@Test
	void validateWhenTransportFailsWithProviderExceptionThenThatExceptionReachesCaller() {
		IdentityProviderException timeout = new IdentityProviderException("discovery", this.provider.discoveryUri(),
				"read timed out after 5s");
		this.provider.reply(this.provider.discoveryUri(), ScriptedProvider.Reply.failWith(timeout));

		assertThat(this.fixture.rejection(this.fixture.tokens.signedBy(TestTokens.FIRST))).isSameAs(timeout);
	}

	@Test
	void validateWhenTransportFailsWithOtherExceptionThenProviderExceptionWithCause() {
		IOException reset = new IOException("connection reset");
		this.provider.reply(this.provider.discoveryUri(),
				ScriptedProvider.Reply.failWith(new UncheckedIOException(reset)));

		IdentityProviderException failure = this.fixture
			.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));

		assertThat(failure.getEndpoint()).isEqualTo("discovery");
		assertThat(failure.getUri()).isEqualTo(this.provider.discoveryUri());
		assertThat(failure.getStatus()).isZero();
		assertThat(failure.getCause()).isInstanceOf(UncheckedIOException.class).hasCause(reset);
	}

	@Test
	void validateWhenDiscoveryTransportThrowsThenFailedFutureNotException() {
		this.provider.reply(this.provider.discoveryUri(),
				ScriptedProvider.Reply.throwing(new IllegalStateException("connection pool shut down")));

		CompletableFuture<ValidatedToken> future = this.fixture.engine
			.validate(this.fixture.tokens.signedBy(TestTokens.FIRST), this.fixture.fetcher);

		assertThat(failureOf(future)).isInstanceOfSatisfying(IdentityProviderException.class, (failure) -> {
			assertThat(failure.getEndpoint()).isEqualTo("discovery");
			assertThat(failure.getUri()).isEqualTo(this.provider.discoveryUri());
			assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
		});
	}

	@Test
	void validateWhenJwksTransportThrowsThenFailedFutureNamingJwksAndRateLimited() {
		this.provider.reply(this.provider.jwksUri(),
				ScriptedProvider.Reply.throwing(new IllegalStateException("connection pool shut down")));

		CompletableFuture<ValidatedToken> future = this.fixture.engine
			.validate(this.fixture.tokens.signedBy(TestTokens.FIRST), this.fixture.fetcher);

		assertThat(failureOf(future)).isInstanceOfSatisfying(IdentityProviderException.class, (failure) -> {
			assertThat(failure.getEndpoint()).isEqualTo("jwks");
			assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
		});
		this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		assertThat(this.provider.jwksRequests()).isOne();
	}

	@Test
	void validateWhenJwksTransportThrowsThenFailureNamesJwksUri() {
		this.provider.reply(this.provider.jwksUri(),
				ScriptedProvider.Reply.throwing(new IllegalStateException("connection pool shut down")));

		IdentityProviderException failure = this.fixture
			.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));

		assertThat(failure.getEndpoint()).isEqualTo("jwks");
		assertThat(failure.getUri()).isEqualTo(this.provider.jwksUri());
		assertThat(failure.getMessage()).contains(this.provider.jwksUri().toString());
	}

	@Test
	void validateWhenTransportThrowsErrorThenOneRequestAndFailureRemembered() {
		NoClassDefFoundError missing = new NoClassDefFoundError("reactor/netty/http/client/HttpClient");
		this.provider.reply(this.provider.discoveryUri(), ScriptedProvider.Reply.throwing(missing));

		IdentityProviderException failure = this.fixture
			.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));
		this.fixture.providerFailure(this.fixture.tokens.signedBy(TestTokens.FIRST));

		assertThat(this.provider.discoveryRequests()).isOne();
		assertThat(failure.getEndpoint()).isEqualTo("discovery");
		assertThat(failure).hasCause(missing);
	}

	@Test
	void discoveryWhenPolicyViolatedThenFailsAndCachedDiscoveryStaysEmpty() {
		this.provider.serveDiscovery(ScriptedProvider.discoveryJson("https://other.test", ISSUER + "/jwks"));

		assertThat(failureOf(this.fixture.engine.discovery(this.fixture.fetcher))).isInstanceOfSatisfying(
				IdentityProviderException.class, (failure) -> assertThat(failure.getEndpoint()).isEqualTo("discovery"));
		assertThat(this.fixture.engine.cachedDiscovery()).isNull();
		assertThat(failureOf(this.fixture.engine.discovery(this.fixture.fetcher)))
			.isInstanceOf(IdentityProviderException.class);
		assertThat(this.provider.discoveryRequests()).isOne();
	}

}
