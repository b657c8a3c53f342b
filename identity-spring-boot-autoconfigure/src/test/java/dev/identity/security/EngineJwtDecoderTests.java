package dev.identity.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.identity.client.OAuthClient;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.ValidationPolicy;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.cache.CacheSettings;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring Security's decoder contracts on the engine, with real tokens: a valid token
 * becomes a {@link Jwt}, an invalid one a {@link BadJwtException} (401), an unreachable
 * provider a plain {@link JwtException}.
 */
class EngineJwtDecoderTests {

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	private static IdentityEngine engine(String issuer) {
		CacheSettings cache = new CacheSettings(Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofHours(6));
		return new IdentityEngine(new EngineSettings(URI.create(issuer),
				ValidationPolicy.withIssuer(issuer).audiences(List.of(TestProvider.CLIENT_ID)).build(),
				DiscoveryPolicy.STRICT, cache, cache), Clock.systemUTC());
	}

	@Test
	void decodeWhenValidThenJwtWithClaimsHeadersAndInstants() {
		String token = provider.clientCredentialsToken("read write");
		try (IdentityEngine engine = engine(provider.issuer())) {
			Jwt jwt = new EngineJwtDecoder(new OAuthClient(engine, RestClient.create())).decode(token);
			assertThat(jwt.getSubject()).isEqualTo(TestProvider.CLIENT_ID);
			assertThat(jwt.getIssuer()).hasToString(provider.issuer());
			assertThat(jwt.getAudience()).containsExactly(TestProvider.CLIENT_ID);
			assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
			assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsEntry("kid", provider.currentKeyId());
			assertThat(jwt.getTokenValue()).isEqualTo(token);
			assertThat(jwt.getClaimAsString("scope")).contains("read");
		}
	}

	@Test
	void decodeWhenTamperedThenBadJwtException() {
		String token = provider.clientCredentialsToken();
		String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
		try (IdentityEngine engine = engine(provider.issuer())) {
			assertThatExceptionOfType(BadJwtException.class)
				.isThrownBy(() -> new EngineJwtDecoder(new OAuthClient(engine, RestClient.create())).decode(tampered))
				.withMessage("the token's signature is invalid")
				.withCauseInstanceOf(InvalidTokenException.class);
			StepVerifier
				.create(new EngineReactiveJwtDecoder(
						new ReactiveOAuthClient(engine, WebClient.create(), Duration.ofSeconds(10)))
					.decode(tampered))
				.expectError(BadJwtException.class)
				.verify(Duration.ofSeconds(30));
		}
	}

	@Test
	void decodeWhenProviderUnreachableThenJwtExceptionThatIsNotBadJwt() {
		String token = provider.clientCredentialsToken();
		try (IdentityEngine engine = engine("http://127.0.0.1:1")) {
			assertThatExceptionOfType(JwtException.class)
				.isThrownBy(() -> new EngineJwtDecoder(new OAuthClient(engine, RestClient.create())).decode(token))
				.isNotInstanceOf(BadJwtException.class)
				.withMessageContaining("discovery");
		}
	}

	@Test
	void decodeWhenReactiveThenSameJwt() {
		String token = provider.clientCredentialsToken();
		try (IdentityEngine engine = engine(provider.issuer())) {
			StepVerifier
				.create(new EngineReactiveJwtDecoder(
						new ReactiveOAuthClient(engine, WebClient.create(), Duration.ofSeconds(10)))
					.decode(token))
				.assertNext((jwt) -> assertThat(jwt.getSubject()).isEqualTo(TestProvider.CLIENT_ID))
				.expectComplete()
				.verify(Duration.ofSeconds(30));
		}
	}

}
