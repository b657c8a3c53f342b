package dev.identity.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.identity.client.OAuthClient;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.core.IdentityProviderException;
import dev.identity.testprovider.StubDiscovery;
import dev.identity.testprovider.StubTokens;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Requests to the provider never follow redirects. A provider endpoint (on the issuer's
 * host, so the discovery policy allows it) that answers 302 to another host is a provider
 * error, and the other host sees no request: no key set is read from it, and no client
 * credential or access token is sent there. A real provider will not redirect on cue, so
 * a stub plays it; the other host is a second stub, named {@code localhost} where the
 * issuer is {@code 127.0.0.1}.
 */
class ProviderRedirectTests {

	private static WireMockServer provider;

	private static WireMockServer elsewhere;

	private static RSAKey key;

	private final ApplicationContextRunner blockingRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, RestClientAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, WebClientAutoConfiguration.class));

	@BeforeAll
	static void startStubs() throws JOSEException {
		provider = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		provider.start();
		elsewhere = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		elsewhere.start();
		key = new RSAKeyGenerator(2048).keyID("stub-key").generate();
	}

	@AfterAll
	static void stopStubs() {
		provider.stop();
		elsewhere.stop();
	}

	@BeforeEach
	void resetStubs() {
		provider.resetAll();
		elsewhere.resetAll();
		StubDiscovery.serve(provider, issuer(), "jwks_uri", "token_endpoint", "introspection_endpoint",
				"revocation_endpoint", "userinfo_endpoint");
		// Whatever reaches the other host would succeed: only not following the redirect
		// stops it.
		elsewhere.stubFor(get(anyUrl()).willReturn(WireMock.okJson(new JWKSet(key.toPublicJWK()).toString())));
		elsewhere.stubFor(post(anyUrl()).willReturn(WireMock
			.okJson("{\"access_token\":\"elsewhere\",\"token_type\":\"Bearer\",\"expires_in\":300,\"active\":true}")));
		for (String path : List.of("/jwks", "/token", "/introspect", "/revoke", "/userinfo")) {
			String target = "http://localhost:" + elsewhere.port() + path;
			provider.stubFor(get(path).willReturn(aResponse().withStatus(302).withHeader("Location", target)));
			provider.stubFor(post(path).willReturn(aResponse().withStatus(307).withHeader("Location", target)));
		}
	}

	private static String issuer() {
		return "http://127.0.0.1:" + provider.port();
	}

	private static String token() {
		return StubTokens.signed(key, issuer(), "api", Duration.ofSeconds(300));
	}

	private static String[] properties() {
		return new String[] { "identity.issuer-uri=" + issuer(), "identity.audiences=api", "identity.client-id=app",
				"identity.client-secret=app-secret", "identity.http.max-attempts=1" };
	}

	@Test
	void validateWhenJwksUriRedirectsToAnotherHostThenProviderErrorAndNoRequestThere() throws Exception {
		String token = token();
		this.blockingRunner.withPropertyValues(properties()).run((context) -> {
			assertThatExceptionOfType(IdentityProviderException.class)
				.isThrownBy(() -> context.getBean(OAuthClient.class).validate(token))
				.satisfies((ex) -> {
					assertThat(ex.getEndpoint()).isEqualTo("jwks");
					assertThat(ex.getStatus()).isEqualTo(302);
					assertThat(ex.getMessage()).contains("never follow redirects");
				});
		});
		this.reactiveRunner.withPropertyValues(properties())
			.run((context) -> StepVerifier.create(context.getBean(ReactiveOAuthClient.class).validate(token))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IdentityProviderException.class)
					.hasMessageContaining("never follow redirects"))
				.verify());
		elsewhere.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void clientCallsWhenEndpointsRedirectThenProviderErrorsAndNoCredentialLeavesTheHost() {
		this.blockingRunner.withPropertyValues(properties()).run((context) -> {
			OAuthClient client = context.getBean(OAuthClient.class);
			assertRedirectRefused(() -> client.clientCredentials(), "token");
			assertRedirectRefused(() -> client.introspect("some-opaque-token"), "introspection");
			assertRedirectRefused(() -> client.revoke("some-refresh-token", "refresh_token"), "revocation");
			assertRedirectRefused(() -> client.userInfo("some-access-token", null), "userinfo");
		});
		this.reactiveRunner.withPropertyValues(properties()).run((context) -> {
			ReactiveOAuthClient client = context.getBean(ReactiveOAuthClient.class);
			StepVerifier.create(client.clientCredentials())
				.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("never follow redirects"))
				.verify();
			StepVerifier.create(client.userInfo("some-access-token", null))
				.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("never follow redirects"))
				.verify();
		});
		elsewhere.verify(0, anyRequestedFor(anyUrl()));
	}

	private static void assertRedirectRefused(ThrowableAssert.ThrowingCallable call, String endpoint) {
		assertThatExceptionOfType(IdentityProviderException.class).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.getEndpoint()).isEqualTo(endpoint);
			assertThat(ex.getMessage()).contains("never follow redirects");
		});
	}

}
