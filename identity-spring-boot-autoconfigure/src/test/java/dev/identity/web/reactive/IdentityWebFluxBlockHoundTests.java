package dev.identity.web.reactive;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.core.ValidatedToken;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import dev.identity.web.WebTestControllers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A WebFlux application on Reactor Netty with BlockHound installed: token parameters,
 * claims, requirements and the filter functions of functional routes are resolved on the
 * event loop, the provider's documents fetched on a cold cache, and any blocking call
 * there fails the test. Runs in a JVM of its own (see the module's Surefire
 * configuration).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityWebFluxBlockHoundTests {

	private static final String REDEFINITION_FLAG = "-XX:+AllowRedefinitionToAddDeleteMethods";

	/**
	 * Blocking calls BlockHound saw anywhere, also those whose error something swallowed.
	 */
	private static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	private static ConfigurableApplicationContext application;

	private static String baseUrl;

	@BeforeAll
	static void installBlockHoundAndStart() {
		// BlockHound adds methods to JDK classes, which this flag allows; the module's
		// Surefire configuration
		// gives these tests a JVM with it, and a run that selects them into another JVM
		// skips them.
		assumeTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().contains(REDEFINITION_FLAG),
				"BlockHound needs a JVM started with " + REDEFINITION_FLAG);
		// install(...) also applies the integrations found on the class path (Reactor's,
		// Netty's), which
		// mark their event loops non-blocking; builder().install() alone would watch no
		// thread at all.
		BlockHound.install((builder) -> builder.blockingMethodCallback((method) -> {
			blockingCalls.add(method + " on " + Thread.currentThread().getName());
			throw new BlockingOperationError(method);
		}));
		application = new SpringApplicationBuilder(Application.class).web(WebApplicationType.REACTIVE)
			.run("--server.address=127.0.0.1", "--server.port=0", "--spring.main.banner-mode=off",
					"--spring.jmx.enabled=false", "--identity.issuer-uri=" + provider.issuer(),
					"--identity.audiences=" + TestProvider.CLIENT_ID);
		baseUrl = "http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port");
		// Nothing is fetched at start-up: the first request fetches (see the first test).
		assertThat(provider.discoveryRequests()).isZero();
		assertThat(provider.jwksRequests()).isZero();
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
	}

	@AfterEach
	void noBlockingCallAnywhere(TestInfo test) {
		if (!test.getTestMethod().orElseThrow().getName().startsWith("blockHoundWhen")) {
			assertThat(blockingCalls).isEmpty();
		}
		blockingCalls.clear();
	}

	@Test
	void blockHoundWhenHandlerBlocksOnTheEventLoopThenDetected() throws Exception {
		// The threads that run the token resolution are watched; otherwise the other
		// tests prove nothing.
		HttpResponse<String> response = get("/block", null);
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(blockingCalls).anySatisfy((call) -> assertThat(call).contains("sleep").contains("reactor-http-"));
	}

	@Test
	@Order(1)
	void tokenParameterWhenColdCacheThenResolvedOnTheEventLoopWithoutBlocking() throws Exception {
		HttpResponse<String> response = get("/thread", "Bearer " + provider.clientCredentialsToken("read"));
		assertThat(response.statusCode()).isEqualTo(200);
		// The keys arrived on the event loop; the token was verified on the parallel
		// scheduler, where the
		// handler went on: both threads BlockHound watches, and no detour through a
		// blocking pool.
		assertThat(response.body()).startsWith("parallel-");
		// The discovery document and the keys were fetched for this request.
		assertThat(provider.discoveryRequests()).isEqualTo(1);
		assertThat(provider.jwksRequests()).isEqualTo(1);
	}

	@Test
	void tokenClaimsAndRequirementWhenValidTokenThenNoBlocking() throws Exception {
		String token = "Bearer " + provider.clientCredentialsToken("read");
		assertThat(get("/once", token).body()).isEqualTo("same");
		assertThat(get("/claim", token).statusCode()).isEqualTo(200);
		assertThat(get("/claims", token).body()).isEqualTo("read");
	}

	@Test
	void answersWhenTokenMissingInvalidOrInsufficientThenNoBlocking() throws Exception {
		String token = provider.clientCredentialsToken("read");
		assertThat(get("/token", null).statusCode()).isEqualTo(401);
		assertThat(get("/token", "Bearer " + token.substring(0, token.length() - 4) + "AAAA").statusCode())
			.isEqualTo(401);
		HttpResponse<String> forbidden = get("/scope/write", "Bearer " + token);
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(forbidden.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer error=\"insufficient_scope\""));
		assertThat(get("/claim/missing", "Bearer " + token).statusCode()).isEqualTo(403);
	}

	@Test
	void functionalRoutesWhenFilteredThenNoBlocking() throws Exception {
		String token = "Bearer " + provider.clientCredentialsToken("read");
		HttpResponse<String> thread = get("/fn/thread", token);
		assertThat(thread.statusCode()).isEqualTo(200);
		// The filter and the handler ran on threads BlockHound watches.
		assertThat(thread.body()).matches("(parallel|reactor-http)-.*");
		assertThat(get("/fn/claims", token).body()).isEqualTo("read");
		assertThat(get("/fn/token", null).statusCode()).isEqualTo(401);
		HttpResponse<String> forbidden = get("/fn/scope/write", token);
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(forbidden.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer error=\"insufficient_scope\""));
		assertThat(get("/fn/role/admin", token).statusCode()).isEqualTo(403);
	}

	private static HttpResponse<String> get(String path, @Nullable String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, IdentityAutoConfiguration.class,
			IdentityWebFluxAutoConfiguration.class, WebClientAutoConfiguration.class, JacksonAutoConfiguration.class,
			CodecsAutoConfiguration.class, WebFluxAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
			NettyReactiveWebServerAutoConfiguration.class })
	@Import({ WebTestControllers.TokenController.class, ThreadController.class,
			WebFluxFunctionalRoutesTests.Routes.class })
	static class Application {

	}

	@RestController
	static class ThreadController {

		@GetMapping("/thread")
		String thread(ValidatedToken token) {
			return Thread.currentThread().getName();
		}

		@GetMapping("/block")
		String block() throws InterruptedException {
			Thread.sleep(1);
			return "slept";
		}

	}

}
