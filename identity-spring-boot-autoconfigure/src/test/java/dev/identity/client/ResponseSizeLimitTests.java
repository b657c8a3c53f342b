package dev.identity.client;

import java.util.function.Function;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.identity.core.DiscoveryDocument;
import dev.identity.core.IdentityProviderException;
import dev.identity.engine.internal.transport.HttpFetcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Both transports read a provider's answer up to the same size,
 * {@link HttpFetcher#MAXIMUM_BODY}, and refuse a longer one with the same typed error: a
 * reactive client is not bound by its WebClient's codec limit (256 KB by default)
 * instead.
 */
class ResponseSizeLimitTests {

	private static WireMockServer stub;

	@BeforeAll
	static void start() {
		stub = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		stub.start();
	}

	@AfterAll
	static void stop() {
		stub.stop();
	}

	@BeforeEach
	void reset() {
		stub.resetAll();
	}

	/** A discovery document padded to exactly the given size in bytes. */
	private static void serveDiscoveryOf(int bytes) {
		String start = "{\"issuer\":\"" + stub.baseUrl() + "\",\"jwks_uri\":\"" + stub.baseUrl()
				+ "/jwks\",\"x_padding\":\"";
		String end = "\"}";
		String body = start + "a".repeat(bytes - start.length() - end.length()) + end;
		assertThat(body.length()).isEqualTo(bytes);
		stub.stubFor(get("/.well-known/openid-configuration").willReturn(WireMock.okJson(body)));
	}

	private static DiscoveryDocument blocking(TestClients clients) {
		return clients.blocking.discovery();
	}

	private static DiscoveryDocument reactive(TestClients clients) {
		return clients.reactive.discovery().block();
	}

	private static void assertRead(Function<TestClients, DiscoveryDocument> transport) {
		try (TestClients clients = new TestClients(stub.baseUrl(), "api")) {
			assertThat(transport.apply(clients).getIssuer()).isEqualTo(stub.baseUrl());
		}
	}

	private static void assertRefused(Function<TestClients, DiscoveryDocument> transport) {
		try (TestClients clients = new TestClients(stub.baseUrl(), "api")) {
			assertThatExceptionOfType(IdentityProviderException.class).isThrownBy(() -> transport.apply(clients))
				.satisfies((ex) -> assertThat(ex.getEndpoint()).isEqualTo("discovery"))
				.withMessageContaining("response body exceeds " + HttpFetcher.MAXIMUM_BODY + " bytes");
		}
	}

	@Test
	void discoveryWhenBodyAtTheLimitThenReadByTheBlockingTransport() {
		serveDiscoveryOf(HttpFetcher.MAXIMUM_BODY);
		assertRead(ResponseSizeLimitTests::blocking);
	}

	@Test
	void discoveryWhenBodyAtTheLimitThenReadByTheReactiveTransport() {
		serveDiscoveryOf(HttpFetcher.MAXIMUM_BODY);
		assertRead(ResponseSizeLimitTests::reactive);
	}

	@Test
	void discoveryWhenBodyOverTheLimitThenRefusedByTheBlockingTransport() {
		serveDiscoveryOf(HttpFetcher.MAXIMUM_BODY + 1);
		assertRefused(ResponseSizeLimitTests::blocking);
	}

	@Test
	void discoveryWhenBodyOverTheLimitThenRefusedByTheReactiveTransport() {
		serveDiscoveryOf(HttpFetcher.MAXIMUM_BODY + 1);
		assertRefused(ResponseSizeLimitTests::reactive);
	}

}
