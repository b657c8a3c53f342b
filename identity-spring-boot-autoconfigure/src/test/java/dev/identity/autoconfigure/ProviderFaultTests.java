package dev.identity.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.identity.client.OAuthClient;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.client.SmartOAuthClient;
import dev.identity.core.IdentityProviderException;
import dev.identity.testprovider.StubDiscovery;
import dev.identity.testprovider.StubTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a real provider will not do on cue (errors, malformed documents, slow answers),
 * from a scripted stub, through the auto-configured clients.
 */
class ProviderFaultTests {

	private static WireMockServer stub;

	private static RSAKey key;

	private final ApplicationContextRunner blockingRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, RestClientAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, WebClientAutoConfiguration.class));

	@BeforeAll
	static void startStub() throws JOSEException {
		stub = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		stub.start();
		key = new RSAKeyGenerator(2048).keyID("stub-key").generate();
	}

	@AfterAll
	static void stopStub() {
		stub.stop();
	}

	@BeforeEach
	void resetStub() {
		stub.resetAll();
	}

	private static String issuer() {
		return "http://127.0.0.1:" + stub.port();
	}

	private static String discovery(String issuer) {
		return "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer() + "/jwks\",\"token_endpoint\":\"" + issuer()
				+ "/token\"}";
	}

	private static void serveDiscovery() {
		StubDiscovery.serve(stub, issuer(), "jwks_uri", "token_endpoint");
	}

	private static String token() {
		return StubTokens.signed(key, issuer(), "api", Duration.ofSeconds(300));
	}

	private String[] properties(String... more) {
		List<String> all = new ArrayList<>(List.of("identity.issuer-uri=" + issuer(), "identity.audiences=api"));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	@Test
	void validateWhenJwksAnswers500ThenProviderErrorNamesEndpointAndStatus() throws Exception {
		serveDiscovery();
		stub.stubFor(get("/jwks").willReturn(aResponse().withStatus(500)));
		String token = token();
		this.blockingRunner.withPropertyValues(properties()).run((context) -> {
			assertThatExceptionOfType(IdentityProviderException.class)
				.isThrownBy(() -> context.getBean(OAuthClient.class).validate(token))
				.satisfies((ex) -> {
					assertThat(ex.getEndpoint()).isEqualTo("jwks");
					assertThat(ex.getStatus()).isEqualTo(500);
					assertThat(ex.getMessage()).contains(issuer() + "/jwks").doesNotContain(token);
				});
		});
		this.reactiveRunner.withPropertyValues(properties())
			.run((context) -> StepVerifier.create(context.getBean(ReactiveOAuthClient.class).validate(token))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IdentityProviderException.class)
					.hasMessageContaining("HTTP 500"))
				.verify());
	}

	@Test
	void validateWhenDiscoveryMalformedThenProviderErrorNamesDiscovery() throws Exception {
		stub.stubFor(get("/.well-known/openid-configuration")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"issuer\": ")));
		String token = token();
		this.blockingRunner.withPropertyValues(properties()).run((context) -> {
			assertThatExceptionOfType(IdentityProviderException.class)
				.isThrownBy(() -> context.getBean(OAuthClient.class).validate(token))
				.satisfies((ex) -> assertThat(ex.getEndpoint()).isEqualTo("discovery"))
				.withMessageContaining("not a JSON object");
		});
	}

	@Test
	void validateWhenDiscoveryIssuerDiffersThenRefusedNamingProperty() throws Exception {
		stub.stubFor(get("/.well-known/openid-configuration")
			.willReturn(WireMock.okJson(discovery("http://127.0.0.1:9/other"))));
		String token = token();
		this.blockingRunner.withPropertyValues(properties()).run((context) -> {
			assertThatExceptionOfType(IdentityProviderException.class)
				.isThrownBy(() -> context.getBean(SmartOAuthClient.class).validate(token))
				.withMessageContaining("identity.issuer-uri")
				.withMessageContaining("differs");
			stub.verify(0, getRequestedFor(urlEqualTo("/jwks")));
		});
	}

	@Test
	void validateWhenJwksMalformedThenProviderErrorAndNoKeysCached() throws Exception {
		serveDiscovery();
		stub.stubFor(get("/jwks").willReturn(WireMock.okJson("{\"keys\": []}")));
		String token = token();
		this.blockingRunner.withPropertyValues(properties()).run((context) -> {
			assertThatExceptionOfType(IdentityProviderException.class)
				.isThrownBy(() -> context.getBean(OAuthClient.class).validate(token))
				.withMessageContaining("no asymmetric public key");
		});
	}

	@Test
	void validateWhenProviderSlowerThanReadTimeoutThenFailsBothFlavors() throws Exception {
		serveDiscovery();
		stub.stubFor(get("/jwks")
			.willReturn(WireMock.okJson(new JWKSet(key.toPublicJWK()).toString()).withFixedDelay(5_000)));
		String token = token();
		String[] properties = properties("identity.http.read-timeout=200ms");
		this.blockingRunner.withPropertyValues(properties).run((context) -> {
			assertThatExceptionOfType(IdentityProviderException.class)
				.isThrownBy(() -> context.getBean(OAuthClient.class).validate(token))
				.satisfies((ex) -> assertThat(ex.getEndpoint()).isEqualTo("jwks"));
		});
		this.reactiveRunner.withPropertyValues(properties)
			.run((context) -> StepVerifier.create(context.getBean(ReactiveOAuthClient.class).validate(token))
				.expectError(IdentityProviderException.class)
				.verify());
	}

	@Test
	void clientsWhenApplicationCustomizesRestClientBuilderThenRequestsCarryIt() throws Exception {
		serveDiscovery();
		stub.stubFor(get("/jwks").willReturn(WireMock.okJson(new JWKSet(key.toPublicJWK()).toString())));
		String token = token();
		this.blockingRunner.withPropertyValues(properties())
			.withUserConfiguration(ApplicationHeader.class)
			.run((context) -> {
				assertThat(context.getBean(OAuthClient.class).validate(token).getSubject()).isEqualTo("user-1");
				stub.verify(getRequestedFor(urlEqualTo("/jwks")).withHeader("X-Application", equalTo("orders")));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationHeader {

		@Bean
		RestClientCustomizer applicationHeader() {
			return (builder) -> builder.defaultHeader("X-Application", "orders");
		}

	}

}
