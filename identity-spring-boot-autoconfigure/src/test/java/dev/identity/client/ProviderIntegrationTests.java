package dev.identity.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.identity.core.DiscoveryDocument;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.ValidatedToken;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The three clients against a real OpenID provider over HTTP on 127.0.0.1: Spring
 * Authorization Server issuing RS256 tokens. Requests are counted at the provider.
 */
class ProviderIntegrationTests {

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	private TestClients clients() {
		return new TestClients(provider.issuer(), TestProvider.CLIENT_ID);
	}

	@Test
	void discoveryWhenFetchedThenIssuerMatchesAndDocumentCached() {
		try (TestClients clients = clients()) {
			DiscoveryDocument document = clients.blocking.discovery();
			assertThat(document.getIssuer()).isEqualTo(provider.issuer());
			assertThat(document.getJwksUri()).isNotNull();
			assertThat(document.getTokenEndpoint()).isNotNull();
			StepVerifier.create(clients.reactive.discovery()).expectNext(document).verifyComplete();
			assertThat(clients.smart.discovery()).isSameAs(document);
			assertThat(provider.discoveryRequests()).isEqualTo(1);
		}
	}

	@Test
	void validateWhenRealClientCredentialsTokenThenEachClientAccepts() {
		String token = provider.clientCredentialsToken("read write");
		try (TestClients clients = clients()) {
			ValidatedToken blocking = clients.blocking.validate(token);
			assertThat(blocking.getSubject()).isEqualTo(TestProvider.CLIENT_ID);
			assertThat(blocking.getIssuer()).isEqualTo(provider.issuer());
			assertThat(blocking.getAudiences()).contains(TestProvider.CLIENT_ID);
			assertThat(blocking.getScopes()).contains("read", "write");
			assertThat(blocking.getKeyId()).isEqualTo(provider.currentKeyId());
			StepVerifier.create(clients.reactive.validate(token))
				.assertNext((validated) -> assertThat(validated.getSubject()).isEqualTo(TestProvider.CLIENT_ID))
				.verifyComplete();
			assertThat(clients.smart.validate(token).getSubject()).isEqualTo(TestProvider.CLIENT_ID);
			StepVerifier.create(clients.smart.validateAsync(token)).expectNextCount(1).verifyComplete();
			assertThat(provider.discoveryRequests()).isEqualTo(1);
			assertThat(provider.jwksRequests()).isEqualTo(1);
		}
	}

	@Test
	void validateWhenReactiveClientIsFirstThenKeysFetchedOnce() {
		String token = provider.clientCredentialsToken();
		try (TestClients clients = clients()) {
			StepVerifier.create(clients.reactive.validate(token)).expectNextCount(1).verifyComplete();
			assertThat(clients.blocking.validate(token).getSubject()).isEqualTo(TestProvider.CLIENT_ID);
			assertThat(provider.jwksRequests()).isEqualTo(1);
		}
	}

	@Test
	void validateWhenPayloadTamperedThenEveryClientRejectsSignature() {
		String tampered = tamper(provider.clientCredentialsToken());
		try (TestClients clients = clients()) {
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> clients.blocking.validate(tampered))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.SIGNATURE)).isTrue())
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(tampered));
			StepVerifier.create(clients.reactive.validate(tampered))
				.expectErrorSatisfies(
						(ex) -> assertThat(((InvalidTokenException) ex).hasFailed(TokenCheck.SIGNATURE)).isTrue())
				.verify();
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> clients.smart.validate(tampered));
		}
	}

	@Test
	void validateWhenAudienceDiffersThenRejected() {
		String token = provider.clientCredentialsToken();
		try (TestClients clients = new TestClients(provider.issuer(), "another-api")) {
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> clients.blocking.validate(token))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.AUDIENCE)).isTrue());
		}
	}

	@Test
	void validateWhenKeyRotatedThenNewKidAcceptedAfterExactlyOneJwksFetch() {
		try (TestClients clients = clients()) {
			clients.blocking.validate(provider.clientCredentialsToken());
			assertThat(provider.jwksRequests()).isEqualTo(1);
			String newKid = provider.rotateKey();
			String rotated = provider.clientCredentialsToken();
			clients.clock.advance(TestClients.MINIMUM_REFRESH_INTERVAL);
			ValidatedToken validated = clients.blocking.validate(rotated);
			assertThat(validated.getKeyId()).isEqualTo(newKid);
			assertThat(provider.jwksRequests()).isEqualTo(2);
			StepVerifier.create(clients.reactive.validate(rotated)).expectNextCount(1).verifyComplete();
			assertThat(clients.smart.validate(rotated).getKeyId()).isEqualTo(newKid);
			assertThat(provider.jwksRequests()).isEqualTo(2);
		}
	}

	/**
	 * The provider rotates its key a second after a cold start's fetch: the new key's
	 * first token is accepted at first sight, in every flavor, for exactly one more JWK
	 * set request. Refreshes for unknown keys are limited on their own: one more new key
	 * within the interval waits for the next.
	 */
	@Test
	void validateWhenKeyRotatedSecondAfterColdFetchThenNewKidAcceptedAtFirstSightWithOneFetch() {
		try (TestClients clients = clients()) {
			clients.blocking.validate(provider.clientCredentialsToken());
			assertThat(provider.jwksRequests()).isEqualTo(1);
			String newKid = provider.rotateKey();
			String rotated = provider.clientCredentialsToken();
			clients.clock.advance(Duration.ofSeconds(1));

			assertThat(clients.blocking.validate(rotated).getKeyId()).isEqualTo(newKid);
			assertThat(provider.jwksRequests()).isEqualTo(2);
			StepVerifier.create(clients.reactive.validate(rotated)).expectNextCount(1).verifyComplete();
			assertThat(clients.smart.validate(rotated).getKeyId()).isEqualTo(newKid);
			assertThat(provider.jwksRequests()).isEqualTo(2);

			// Another new key within the interval: that refresh is spent, so it waits for
			// the next one.
			String thirdKid = provider.rotateKey();
			String third = provider.clientCredentialsToken();
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> clients.blocking.validate(third))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.KEY)).isTrue());
			assertThat(provider.jwksRequests()).isEqualTo(2);
			clients.clock.advance(TestClients.MINIMUM_REFRESH_INTERVAL);
			assertThat(clients.blocking.validate(third).getKeyId()).isEqualTo(thirdKid);
			assertThat(provider.jwksRequests()).isEqualTo(3);
		}
	}

	@Test
	void validateWhenKeyLeftJwksThenTokensItSignedRejectedAfterRefresh() {
		try (TestClients clients = clients()) {
			String oldKid = provider.currentKeyId();
			String old = provider.clientCredentialsToken();
			clients.blocking.validate(old);
			provider.rotateKey();
			provider.removeKey(oldKid);
			String rotated = provider.clientCredentialsToken();
			clients.clock.advance(TestClients.MINIMUM_REFRESH_INTERVAL);
			clients.blocking.validate(rotated);
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> clients.blocking.validate(old))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.KEY)).isTrue())
				.withMessageContaining(oldKid);
		}
	}

	@Test
	void validateWhenTwoHundredBlockingCallersOnColdCacheThenOneDiscoveryAndOneJwksFetch() throws Exception {
		String token = provider.clientCredentialsToken();
		try (TestClients clients = clients()) {
			ExecutorService pool = Executors.newFixedThreadPool(200);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<ValidatedToken>> results = new ArrayList<>();
				for (int i = 0; i < 200; i++) {
					results.add(pool.submit(() -> {
						start.await();
						return clients.blocking.validate(token);
					}));
				}
				start.countDown();
				for (Future<ValidatedToken> result : results) {
					assertThat(result.get().getSubject()).isEqualTo(TestProvider.CLIENT_ID);
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(provider.discoveryRequests()).isEqualTo(1);
			assertThat(provider.jwksRequests()).isEqualTo(1);
		}
	}

	@Test
	void validateWhenTwoHundredReactiveCallersOnColdCacheThenOneDiscoveryAndOneJwksFetch() {
		String token = provider.clientCredentialsToken();
		try (TestClients clients = clients()) {
			StepVerifier.create(Flux.range(0, 200).flatMap((i) -> clients.reactive.validate(token), 200))
				.expectNextCount(200)
				.verifyComplete();
			assertThat(provider.discoveryRequests()).isEqualTo(1);
			assertThat(provider.jwksRequests()).isEqualTo(1);
		}
	}

	@Test
	void validateWhenBlockingReactiveAndSmartCallersMixOnColdCacheThenOneFetchEach() throws Exception {
		String token = provider.clientCredentialsToken();
		try (TestClients clients = clients()) {
			ExecutorService pool = Executors.newFixedThreadPool(100);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<ValidatedToken>> results = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					boolean smart = i % 2 == 0;
					results.add(pool.submit(() -> {
						start.await();
						return smart ? clients.smart.validate(token) : clients.blocking.validate(token);
					}));
				}
				Flux<ValidatedToken> reactive = Flux.range(0, 100)
					.flatMap(
							(i) -> (i % 2 == 0) ? clients.reactive.validate(token) : clients.smart.validateAsync(token),
							100);
				start.countDown();
				StepVerifier.create(reactive).expectNextCount(100).verifyComplete();
				for (Future<ValidatedToken> result : results) {
					assertThat(result.get().getSubject()).isEqualTo(TestProvider.CLIENT_ID);
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(provider.discoveryRequests()).isEqualTo(1);
			assertThat(provider.jwksRequests()).isEqualTo(1);
		}
	}

	/**
	 * The same token with its payload changed (sub rewritten) and the original signature.
	 */
	static String tamper(String token) {
		String[] parts = token.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String forged = payload.replace("\"" + TestProvider.CLIENT_ID + "\"", "\"admin\"");
		assertThat(forged).isNotEqualTo(payload);
		return parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
	}

}
