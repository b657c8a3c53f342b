package dev.identity.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.identity.core.ClientAuthenticationMethod;
import dev.identity.core.ClientRegistration;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.transport.RetryPolicy;
import dev.identity.testprovider.AuthorizationCodeLogin;
import dev.identity.testprovider.StubDiscovery;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The opaque-token mode under abuse. Tokens anyone can make up must not turn into
 * introspection requests without bound: requests are limited in rate (against the real
 * provider, on the clients' frozen clock) and in concurrency, and a provider failure is
 * answered from memory for a moment (from a stub, which can be slow and fail on cue). An
 * active refresh token, which the real provider reports active, is still not an access
 * token.
 */
class OpaqueTokenAbuseTests {

	private static final ClientRegistration CLIENT = ClientRegistration.withSecret(TestProvider.CLIENT_ID,
			TestProvider.CLIENT_SECRET, ClientAuthenticationMethod.CLIENT_SECRET_BASIC);

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	private static WireMockServer stub;

	@BeforeAll
	static void start() {
		stub = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(40));
		stub.start();
	}

	@AfterAll
	static void stop() {
		stub.stop();
	}

	private static TestClients clients(String issuer, int maxConcurrent, int maxPerSecond, RetryPolicy retry) {
		return new TestClients(issuer, TestProvider.CLIENT_ID, EventLoopPolicy.FAIL, CLIENT, retry,
				new EngineSettings.IntrospectionSettings(true, Duration.ofSeconds(30), maxConcurrent, maxPerSecond,
						Duration.ofSeconds(2), true));
	}

	@Test
	void validateWhenOpaqueModeAndActiveRefreshTokenThenRefusedAsNotAnAccessToken() {
		try (TestClients clients = clients(provider.issuer(), 64, 100, RetryPolicy.DEFAULT)) {
			JsonNode tokens = signIn();
			String refreshToken = tokens.path("refresh_token").asString();
			assertThat(refreshToken).isNotBlank();
			assertThat(clients.blocking.introspect(refreshToken).isActive()).as("the provider says").isTrue();

			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> clients.blocking.validate(refreshToken))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.TYPE)).isTrue())
				.withMessageNotContaining(refreshToken);
			assertThat(catchThrowable(() -> clients.reactive.validate(refreshToken).block(Duration.ofSeconds(30))))
				.isInstanceOf(InvalidTokenException.class);
			// The access token of the same sign-in is one.
			String accessToken = tokens.path("access_token").asString();
			assertThat(clients.blocking.validate(accessToken).getSubject()).isEqualTo(TestProvider.USERNAME);
		}
	}

	@Test
	void validateWhenFloodOfMadeUpTokensThenProviderAskedAtMostMaxPerSecond() {
		try (TestClients clients = clients(provider.issuer(), 64, 10, RetryPolicy.DEFAULT)) {
			int asked = 0;
			int refused = 0;
			for (int i = 0; i < 200; i++) {
				Throwable failure = catchThrowable(() -> clients.blocking.validate("made-up-" + Math.random()));
				if (failure instanceof InvalidTokenException invalid) {
					assertThat(invalid.hasFailed(TokenCheck.INTROSPECTION)).isTrue();
					asked++;
				}
				else {
					assertThat(failure).isInstanceOf(IdentityProviderException.class)
						.hasMessageContaining("more than 10 introspection requests per second");
					refused++;
				}
			}
			assertThat(asked).isEqualTo(10);
			assertThat(refused).isEqualTo(190);

			clients.clock.advance(Duration.ofMillis(500));
			int askedLater = 0;
			for (int i = 0; i < 50; i++) {
				if (catchThrowable(() -> clients.blocking.validate("made-up-" + Math.random()))
					.getClass() == InvalidTokenException.class) {
					askedLater++;
				}
			}
			// Half a second later, five more: the rate refills evenly, it is not a ban.
			assertThat(askedLater).isEqualTo(5);
		}
	}

	@Test
	void introspectWhenProviderSlowThenAtMostMaxConcurrentInFlightAndTheRestRefusedAtOnce() {
		serveIntrospection(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"active\":false}")
			.withFixedDelay(1_500));
		try (TestClients clients = clients(stub.baseUrl(), 8, 1000, RetryPolicy.NONE)) {
			List<Mono<String>> calls = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				String token = "made-up-" + i;
				calls.add(clients.reactive.introspect(token)
					.map((result) -> "asked")
					.onErrorResume(IdentityProviderException.class, (ex) -> Mono.just(ex.getMessage())));
			}
			List<String> outcomes = Flux.merge(calls).collectList().block(Duration.ofSeconds(30));

			assertThat(outcomes).filteredOn("asked"::equals).hasSize(8);
			assertThat(outcomes)
				.filteredOn((outcome) -> outcome.contains("more than 8 introspection requests in flight"))
				.hasSize(92);
			stub.verify(8, postRequestedFor(urlEqualTo("/introspect")));
		}
	}

	@Test
	void introspectWhenProviderFailedThenSameTokenAnsweredFromMemoryUntilFailureTtl() {
		serveIntrospection(aResponse().withStatus(500));
		try (TestClients clients = clients(stub.baseUrl(), 8, 1000, RetryPolicy.NONE)) {
			IdentityProviderException first = (IdentityProviderException) catchThrowable(
					() -> clients.blocking.validate("opaque-1"));
			assertThat(first.getStatus()).isEqualTo(500);
			for (int i = 0; i < 20; i++) {
				assertThat(catchThrowable(() -> clients.blocking.validate("opaque-1"))).isSameAs(first);
			}
			stub.verify(1, postRequestedFor(urlEqualTo("/introspect")));

			clients.clock.advance(Duration.ofSeconds(2));
			assertThat(catchThrowable(() -> clients.blocking.validate("opaque-1")))
				.isInstanceOf(IdentityProviderException.class)
				.isNotSameAs(first);
			stub.verify(2, postRequestedFor(urlEqualTo("/introspect")));
		}
	}

	private static void serveIntrospection(ResponseDefinitionBuilder answer) {
		stub.resetAll();
		StubDiscovery.serve(stub, stub.baseUrl(), "jwks_uri", "introspection_endpoint");
		stub.stubFor(post("/introspect").willReturn(answer));
	}

	/**
	 * Alice signs in through the authorization-code flow with PKCE; the tokens the
	 * provider issues.
	 */
	private static JsonNode signIn() {
		return AuthorizationCodeLogin.tokens(provider.issuer(), TestProvider.CLIENT_ID, TestProvider.CLIENT_SECRET,
				TestProvider.REDIRECT_URI, TestProvider.USERNAME, TestProvider.PASSWORD);
	}

}
