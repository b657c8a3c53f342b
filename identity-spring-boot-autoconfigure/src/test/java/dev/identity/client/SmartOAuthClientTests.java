package dev.identity.client;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.identity.core.ClaimsCheck;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.ValidatedToken;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every cell of the smart client's execution matrix. "Event loop" is a Reactor
 * non-blocking thread ({@code Schedulers.parallel()}), which is what
 * {@code Schedulers.isInNonBlockingThread()} reports for Netty's event loops too.
 */
class SmartOAuthClientTests {

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	private static String token;

	@BeforeAll
	static void requestToken() {
		token = provider.clientCredentialsToken();
	}

	private static TestClients cold() {
		return new TestClients(provider.issuer(), TestProvider.CLIENT_ID);
	}

	private static TestClients warm() {
		TestClients clients = cold();
		clients.blocking.validate(token);
		return clients;
	}

	/**
	 * Run a blocking call on an event-loop thread and hand back its result or failure.
	 */
	private static <T> T onEventLoop(Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.parallel()).block();
	}

	// blocking thread

	@Test
	void validateWhenBlockingThreadAndColdCacheThenFetchesAndValidates() {
		try (TestClients clients = cold()) {
			assertThat(clients.smart.validate(token).getSubject()).isEqualTo(TestProvider.CLIENT_ID);
		}
	}

	@Test
	void validateWhenBlockingThreadAndBlockingValidatorThenCalledDirectly() {
		try (TestClients clients = warm()) {
			AtomicReference<Thread> ran = new AtomicReference<>();
			clients.smart.validate(token, (ClaimsValidator) (validated) -> {
				ran.set(Thread.currentThread());
				return ClaimsCheck.valid();
			});
			assertThat(ran.get()).isSameAs(Thread.currentThread());
		}
	}

	@Test
	void validateWhenBlockingThreadAndReactiveValidatorThenSubscribedToCompletion() {
		try (TestClients clients = warm()) {
			AtomicBoolean ran = new AtomicBoolean();
			ReactiveClaimsValidator validator = (validated) -> Mono.fromCallable(() -> {
				ran.set(true);
				return ClaimsCheck.invalid("tenant not allowed");
			}).subscribeOn(Schedulers.boundedElastic());
			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> clients.smart.validate(token, validator))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.CUSTOM)).isTrue())
				.withMessageContaining("tenant not allowed");
			assertThat(ran).isTrue();
		}
	}

	@Test
	void validateWhenReactiveValidatorCompletesEmptyThenRejectedNotSkipped() {
		try (TestClients clients = warm()) {
			ReactiveClaimsValidator empty = (validated) -> Mono.empty();
			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> clients.smart.validate(token, empty))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.CUSTOM)).isTrue());
			StepVerifier.create(clients.smart.validateAsync(token, empty))
				.expectError(InvalidTokenException.class)
				.verify();
			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> clients.blocking.validate(token, empty));
		}
	}

	@Test
	void validateWhenBlockingValidatorReturnsNullThenRejected() {
		try (TestClients clients = warm()) {
			ClaimsValidator nothing = (validated) -> null;
			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> clients.smart.validate(token, nothing))
				.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.CUSTOM)).isTrue());
		}
	}

	@Test
	void validateAsyncWhenBlockingThreadAndBlockingValidatorThenRunsOnSubscribingThread() {
		try (TestClients clients = warm()) {
			AtomicReference<Thread> ran = new AtomicReference<>();
			clients.smart.validateAsync(token, (ClaimsValidator) (validated) -> {
				ran.set(Thread.currentThread());
				return ClaimsCheck.valid();
			}).block();
			assertThat(ran.get()).isSameAs(Thread.currentThread());
		}
	}

	// event loop

	@Test
	void validateWhenEventLoopAndWarmCacheThenAnswersFromCache() {
		try (TestClients clients = warm()) {
			int before = provider.jwksRequests();
			ValidatedToken validated = onEventLoop(() -> clients.smart.validate(token));
			assertThat(validated.getSubject()).isEqualTo(TestProvider.CLIENT_ID);
			assertThat(provider.jwksRequests()).isEqualTo(before);
		}
	}

	@Test
	void validateWhenEventLoopAndColdCacheThenFailsNamingAsyncMethod() {
		try (TestClients clients = cold()) {
			assertThatExceptionOfType(EventLoopBlockingException.class)
				.isThrownBy(() -> onEventLoop(() -> clients.smart.validate(token)))
				.withMessageContaining("validateAsync(String)")
				.withMessageContaining("parallel");
			assertThat(clients.engine.cachedKeys()).isNull();
		}
	}

	@Test
	void validateWhenEventLoopAndWarnPolicyThenBlocksThroughBlockingTransport() {
		try (TestClients clients = new TestClients(provider.issuer(), TestProvider.CLIENT_ID, EventLoopPolicy.WARN)) {
			assertThat(onEventLoop(() -> clients.smart.validate(token)).getSubject()).isEqualTo(TestProvider.CLIENT_ID);
		}
	}

	@Test
	void discoveryAndKeysWhenEventLoopThenFromCacheOrFailNamingAsyncMethod() {
		try (TestClients clients = cold()) {
			assertThatExceptionOfType(EventLoopBlockingException.class)
				.isThrownBy(() -> onEventLoop(() -> clients.smart.discovery()))
				.withMessageContaining("discoveryAsync()");
			assertThatExceptionOfType(EventLoopBlockingException.class)
				.isThrownBy(() -> onEventLoop(() -> clients.smart.keys()))
				.withMessageContaining("keysAsync()");
			StepVerifier.create(clients.smart.keysAsync()).expectNextCount(1).verifyComplete();
			assertThat(onEventLoop(() -> clients.smart.discovery()).getIssuer()).isEqualTo(provider.issuer());
			assertThat(onEventLoop(() -> clients.smart.keys()).isEmpty()).isFalse();
		}
	}

	@Test
	void validateWhenEventLoopAndBlockingValidatorThenFailsNamingAsyncMethod() {
		try (TestClients clients = warm()) {
			AtomicBoolean ran = new AtomicBoolean();
			ClaimsValidator validator = (validated) -> {
				ran.set(true);
				return ClaimsCheck.valid();
			};
			assertThatExceptionOfType(EventLoopBlockingException.class)
				.isThrownBy(() -> onEventLoop(() -> clients.smart.validate(token, validator)))
				.withMessageContaining("validateAsync(String, ClaimsValidator)");
			assertThat(ran).isFalse();
		}
	}

	@Test
	void validateWhenEventLoopAndReactiveValidatorThenFailsNamingAsyncMethod() {
		try (TestClients clients = warm()) {
			ReactiveClaimsValidator validator = (validated) -> Mono.just(ClaimsCheck.valid());
			assertThatExceptionOfType(EventLoopBlockingException.class)
				.isThrownBy(() -> onEventLoop(() -> clients.smart.validate(token, validator)))
				.withMessageContaining("validateAsync(String, ReactiveClaimsValidator)");
			assertThatExceptionOfType(EventLoopBlockingException.class)
				.isThrownBy(() -> onEventLoop(() -> clients.blocking.validate(token, validator)))
				.withMessageContaining("ReactiveOAuthClient.validate(String, ReactiveClaimsValidator)");
		}
	}

	@Test
	void validateAsyncWhenEventLoopAndReactiveValidatorThenComposedOnTheLoop() {
		try (TestClients clients = warm()) {
			AtomicReference<String> ran = new AtomicReference<>();
			ReactiveClaimsValidator validator = (validated) -> Mono.fromCallable(() -> {
				ran.set(Thread.currentThread().getName());
				return ClaimsCheck.valid();
			});
			StepVerifier
				.create(Mono.defer(() -> clients.smart.validateAsync(token, validator))
					.subscribeOn(Schedulers.parallel()))
				.expectNextCount(1)
				.verifyComplete();
			assertThat(ran.get()).startsWith("parallel");
		}
	}

	@Test
	void validateAsyncWhenEventLoopAndBlockingValidatorThenOffloaded() {
		try (TestClients clients = warm()) {
			AtomicReference<String> ran = new AtomicReference<>();
			ClaimsValidator validator = (validated) -> {
				ran.set(Thread.currentThread().getName());
				return ClaimsCheck.require("read".equals(validated.getScopes().iterator().next()), "needs read");
			};
			StepVerifier
				.create(Mono.defer(() -> clients.smart.validateAsync(token, validator))
					.subscribeOn(Schedulers.parallel()))
				.expectNextCount(1)
				.verifyComplete();
			assertThat(ran.get()).startsWith("boundedElastic");
		}
	}

	@Test
	void validateAsyncWhenEventLoopAndColdCacheThenComposesFetch() {
		try (TestClients clients = cold()) {
			StepVerifier.create(Mono.defer(() -> clients.smart.validateAsync(token)).subscribeOn(Schedulers.parallel()))
				.assertNext((validated) -> assertThat(validated.getSubject()).isEqualTo(TestProvider.CLIENT_ID))
				.verifyComplete();
		}
	}

	@Test
	void validateAsyncWhenValidatorRejectsThenErrorCarriesItsReason() {
		try (TestClients clients = warm()) {
			Function<ValidatedToken, ClaimsCheck> rule = (validated) -> ClaimsCheck.invalid("blocked subject");
			StepVerifier.create(clients.smart.validateAsync(token, (ClaimsValidator) rule::apply))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidTokenException.class)
					.hasMessageContaining("blocked subject"))
				.verify();
			StepVerifier
				.create(clients.smart.validateAsync(token,
						(ReactiveClaimsValidator) (validated) -> Mono.just(rule.apply(validated))))
				.expectError(InvalidTokenException.class)
				.verify();
		}
	}

}
