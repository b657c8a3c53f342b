package dev.identity.browser.reactive;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every WebFlux login scenario again with BlockHound installed: no step of the login,
 * callback, key refresh or logout may block an event loop, even where an error would be
 * swallowed. Runs in a JVM of its own (see the module's Surefire configuration).
 */
class BrowserLoginWebFluxBlockHoundTests extends BrowserLoginWebFluxIntegrationTests {

	private static final String REDEFINITION_FLAG = "-XX:+AllowRedefinitionToAddDeleteMethods";

	private static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void installBlockHound() {
		// BlockHound adds methods to JDK classes, which this flag allows; the module's
		// Surefire configuration
		// gives these tests a JVM with it, and any other run skips them rather than fail
		// to instrument.
		assumeTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().contains(REDEFINITION_FLAG),
				"BlockHound needs a JVM started with " + REDEFINITION_FLAG);
		// A scheduler thread already idle when BlockHound instruments the JDK would be
		// reported from inside
		// that idle wait, and break its queue's lock: the shared schedulers start afresh
		// once it is in place.
		Schedulers.shutdownNow();
		// The integrations (Reactor's, Netty's) tell which threads are event loops.
		// BlockHound installs
		// once per JVM: when another class installed it first, its callback reports, and
		// the blocking
		// call still fails the scenario with a BlockingOperationError.
		BlockHound.builder().loadIntegrations().blockingMethodCallback((method) -> {
			blockingCalls.add(method + " on " + Thread.currentThread().getName());
			throw new BlockingOperationError(method);
		}).install();
	}

	@BeforeEach
	void forgetBlockingCalls() {
		blockingCalls.clear();
	}

	@AfterEach
	void noBlockingCallAnywhere() {
		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void blockHoundWhenAnEventLoopParksThenCaught() {
		StepVerifier.create(Mono.fromRunnable(() -> LockSupport.parkNanos(1_000)).subscribeOn(Schedulers.parallel()))
			.expectError(BlockingOperationError.class)
			.verify(Duration.ofSeconds(10));
		blockingCalls.clear();
	}

}
