package dev.identity.engine.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.internal.validation.TokenIssuer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Routing a token to the engine of its issuer: by its unverified {@code iss}, exactly,
 * and never to a provider that is not configured.
 */
class IdentityEnginesTests {

	private final EngineFixture a = new EngineFixture(new ScriptedProvider("https://a.example.com"),
			EngineFixture.DISCOVERY_CACHE, EngineFixture.JWKS_CACHE);

	private final EngineFixture b = new EngineFixture(new ScriptedProvider("https://b.example.com"),
			EngineFixture.DISCOVERY_CACHE, EngineFixture.JWKS_CACHE);

	private final IdentityEngines engines = new IdentityEngines(engines(this.a, this.b));

	@Test
	void forTokenWhenSeveralIssuersThenTheEngineOfTheTokensIssuerVerifiesIt() {
		String fromA = this.a.tokens.signedBy(TestTokens.FIRST);
		String fromB = this.b.tokens.signedBy(TestTokens.FIRST);
		assertThat(this.engines.forToken(fromA)).isSameAs(this.a.engine);
		assertThat(this.engines.forToken(fromB)).isSameAs(this.b.engine);
		assertThat(this.engines.forToken(fromB).validate(fromB, this.b.fetcher).join().getClaim("iss"))
			.isEqualTo("https://b.example.com");
	}

	@Test
	void forTokenWhenAnEngineRemembersTheTokenThenItIsRoutedThereAndNoCacheCountsTheLookUp() {
		String fromB = this.b.tokens.signedBy(TestTokens.FIRST);
		assertThat(this.a.engine.remembers(fromB)).isFalse();
		assertThat(this.b.engine.remembers(fromB)).isFalse();
		this.engines.forToken(fromB).validate(fromB, this.b.fetcher).join();
		assertThat(this.b.engine.remembers(fromB)).isTrue();
		assertThat(this.a.engine.remembers(fromB)).isFalse();
		assertThat(this.b.engine.remembers(fromB + "A")).isFalse();
		for (int i = 0; i < 3; i++) {
			IdentityEngine engine = this.engines.forToken(fromB);
			assertThat(engine).isSameAs(this.b.engine);
			engine.validate(fromB, this.b.fetcher).join();
		}
		// Routing looked in both caches four times; only the validations counted.
		assertThat(this.a.engine.validationCacheStats().misses()).isZero();
		assertThat(this.b.engine.validationCacheStats().misses()).isOne();
		assertThat(this.b.engine.validationCacheStats().hits()).isEqualTo(3);
	}

	@Test
	void forTokenWhenAnEngineRemembersTheTokenThenItsIssIsNotReadAgain() {
		List<String> read = new ArrayList<>();
		IdentityEngines counting = new IdentityEngines(engines(this.a, this.b), EngineObserver.NONE, (token) -> {
			read.add(token);
			return TokenIssuer.peek(token);
		});
		String fromB = this.b.tokens.signedBy(TestTokens.FIRST);
		counting.forToken(fromB).validate(fromB, this.b.fetcher).join();
		assertThat(read).hasSize(1);
		for (int i = 0; i < 3; i++) {
			assertThat(counting.forToken(fromB)).isSameAs(this.b.engine);
		}
		assertThat(read).hasSize(1);
		// Remembered but expired: the same engine, whose answer is the expiry.
		this.b.clock.set(this.b.clock.instant().plus(Duration.ofDays(2)));
		IdentityEngine engine = counting.forToken(fromB);
		assertThat(engine).isSameAs(this.b.engine);
		assertThat(this.b.rejection(fromB)).isInstanceOfSatisfying(InvalidTokenException.class,
				(ex) -> assertThat(ex.hasFailed(TokenCheck.EXPIRY)).isTrue());
	}

	@Test
	void forTokenWhenIssuerNotConfiguredThenRefusedWithoutAnyRequest() {
		String foreign = new TestTokens(this.a.clock, "https://evil.example.com").signedBy(TestTokens.FIRST);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.engines.forToken(foreign))
			.satisfies((ex) -> assertThat(ex.getFailures()).singleElement()
				.satisfies((failure) -> assertThat(failure.check()).isEqualTo(TokenCheck.ISSUER)))
			.withMessageContaining("https://evil.example.com")
			.withMessageContaining("not one of the 2 configured issuers");
		assertThat(this.a.provider.requests(this.a.provider.discoveryUri())).isZero();
		assertThat(this.b.provider.requests(this.b.provider.discoveryUri())).isZero();
	}

	@Test
	void forTokenWhenRefusedBeforeAnyEngineThenTheUnroutedObserverIsTold() {
		List<TokenCheck> refused = new ArrayList<>();
		IdentityEngines observed = new IdentityEngines(engines(this.a, this.b), new EngineObserver() {

			@Override
			public void rejected(TokenCheck firstFailedCheck) {
				refused.add(firstFailedCheck);
			}

		});
		String foreign = new TestTokens(this.a.clock, "https://evil.example.com").signedBy(TestTokens.FIRST);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> observed.forToken(foreign));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> observed.forToken("opaque"));
		observed.forToken(this.a.tokens.signedBy(TestTokens.FIRST));
		assertThat(refused).containsExactly(TokenCheck.ISSUER, TokenCheck.FORMAT);
	}

	@Test
	void forTokenWhenIssuerDiffersByATrailingSlashThenRefused() {
		// The issuer rule compares exactly; so does the routing.
		String token = new TestTokens(this.a.clock, "https://a.example.com/").signedBy(TestTokens.FIRST);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.engines.forToken(token));
	}

	@Test
	void forTokenWhenNoIssuerThenIssuerFailure() {
		String token = unsigned("{\"sub\":\"alice\",\"exp\":" + Instant.now().plusSeconds(60).getEpochSecond() + "}");
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.engines.forToken(token))
			.withMessageContaining("token has no 'iss'");
	}

	@Test
	void forTokenWhenIssuerIsNotAStringThenIssuerFailure() {
		String token = unsigned("{\"iss\":[\"https://a.example.com\"],\"sub\":\"alice\"}");
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.engines.forToken(token))
			.withMessageContaining("token has no 'iss'");
	}

	@Test
	void forTokenWhenNotAJwsThenTheFormatFailureOfTheVerifier() {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.engines.forToken("opaque-token"))
			.satisfies((ex) -> assertThat(ex.getFailures().get(0).check()).isEqualTo(TokenCheck.FORMAT));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.engines.forToken(null))
			.satisfies((ex) -> assertThat(ex.getFailures().get(0).check()).isEqualTo(TokenCheck.FORMAT));
	}

	@Test
	void forTokenWhenTokenNamesOneIssuerButIsSignedByAnotherThenItsNamedIssuerRefusesIt() {
		// Routing trusts nothing: the engine it picks verifies the whole token.
		String lying = this.a.tokens.forged(TestTokens.FIRST.getKeyID(), new Random(7));
		IdentityEngine engine = this.engines.forToken(lying);
		assertThat(engine).isSameAs(this.a.engine);
		assertThat(this.a.rejection(lying)).isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void forTokenWhenOneIssuerThenItsEngineWhateverTheTokenSays() {
		IdentityEngines single = IdentityEngines.of(this.a.engine);
		String foreign = this.b.tokens.signedBy(TestTokens.FIRST);
		assertThat(single.forToken(foreign)).isSameAs(this.a.engine);
		assertThat(single.isSingle()).isTrue();
		assertThat(single.all()).containsOnlyKeys(IdentityEngines.DEFAULT_NAME);
	}

	@Test
	void constructorWhenTwoIssuersShareAnIssuerUriThenRefused() {
		EngineFixture twin = new EngineFixture(new ScriptedProvider("https://a.example.com"),
				EngineFixture.DISCOVERY_CACHE, EngineFixture.JWKS_CACHE);
		Map<String, IdentityEngine> engines = new LinkedHashMap<>();
		engines.put("a", this.a.engine);
		engines.put("twin", twin.engine);
		assertThatIllegalArgumentException().isThrownBy(() -> new IdentityEngines(engines))
			.withMessageContaining("https://a.example.com");
	}

	@Test
	void namedWhenUnknownThenTheMessageListsTheConfiguredNames() {
		assertThat(this.engines.named("b")).isSameAs(this.b.engine);
		assertThat(this.engines.primary()).isSameAs(this.a.engine);
		assertThatIllegalArgumentException().isThrownBy(() -> this.engines.named("c"))
			.withMessageContaining("'c'")
			.withMessageContaining("[a, b]");
	}

	private static Map<String, IdentityEngine> engines(EngineFixture a, EngineFixture b) {
		Map<String, IdentityEngine> engines = new LinkedHashMap<>();
		engines.put("a", a.engine);
		engines.put("b", b.engine);
		return engines;
	}

	private static String unsigned(String payload) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString("{\"alg\":\"RS256\",\"kid\":\"first\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(new byte[256]);
	}

}
