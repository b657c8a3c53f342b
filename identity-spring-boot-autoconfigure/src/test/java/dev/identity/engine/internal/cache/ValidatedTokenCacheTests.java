package dev.identity.engine.internal.cache;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.ValidatedToken;
import dev.identity.core.ValidationPolicy;
import dev.identity.engine.internal.EngineFixture;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.TestTokens;
import org.junit.jupiter.api.Test;

import static dev.identity.engine.internal.EngineFixture.MINIMUM_REFRESH_INTERVAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validated-token cache: a token sent again is not verified again, but every reuse
 * re-checks its time window and its key, the cache is bounded, and an entry answers only
 * for the very token it was made for.
 */
class ValidatedTokenCacheTests {

	private final EngineFixture fixture = new EngineFixture();

	@Test
	void tokenSentAgainIsAcceptedWithoutVerifyingItAgain() {
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		ValidatedToken first = this.fixture.validate(token);
		ValidatedToken again = this.fixture.validate(token);
		assertThat(again).isSameAs(first);
		assertThat(this.fixture.engine.validateIfCached(token, this.fixture.fetcher)).isSameAs(first);
		assertThat(this.fixture.provider.jwksRequests()).isOne();
	}

	@Test
	void anotherSpellingOfTheTokenIsVerifiedAndRefused() {
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		this.fixture.validate(token);
		String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA");
		assertThat(this.fixture.rejection(tampered)).isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void expiredTokenIsRefusedThoughRemembered() throws Exception {
		// Expiring well within the key set's lifetime (5 min), so that the remembered
		// verdict is what
		// answers until the token expires.
		Instant now = this.fixture.clock.instant();
		String token = sign(TestTokens.FIRST, "first", now.minusSeconds(10), now.plus(Duration.ofMinutes(2)));
		ValidatedToken validated = this.fixture.validate(token);
		// Within the clock skew (60 s) the token is still good; at exp + skew it is not.
		this.fixture.clock.set(validated.getExpiresAt().plusSeconds(59));
		assertThat(this.fixture.validate(token)).isSameAs(validated);
		this.fixture.clock.set(validated.getExpiresAt().plusSeconds(60));
		InvalidTokenException rejected = (InvalidTokenException) this.fixture.rejection(token);
		assertThat(rejected.hasFailed(TokenCheck.EXPIRY)).isTrue();
	}

	@Test
	void notBeforeIsRecheckedOnEveryReuse() throws Exception {
		Instant now = this.fixture.clock.instant();
		String token = sign(TestTokens.FIRST, "first", now.minusSeconds(10), now.plus(Duration.ofHours(1)));
		ValidatedToken validated = this.fixture.validate(token);
		// A clock stepped back (e.g. by NTP) must not make a cached token valid before
		// its nbf.
		this.fixture.clock.set(now.minusSeconds(71));
		InvalidTokenException rejected = (InvalidTokenException) this.fixture.rejection(token);
		assertThat(rejected.hasFailed(TokenCheck.NOT_BEFORE)).isTrue();
		this.fixture.clock.set(now);
		assertThat(this.fixture.validate(token).getSubject()).isEqualTo(validated.getSubject());
	}

	@Test
	void tokenOfAKeyThatLeftTheJwkSetIsRefused() {
		String old = this.fixture.tokens.signedBy(TestTokens.FIRST);
		this.fixture.validate(old);
		this.fixture.provider.serveKeys(TestTokens.SECOND);
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);
		// A token of the new key makes the engine fetch the set without the old key.
		this.fixture.validate(TestTokens.SECOND);
		assertThat(this.fixture.provider.jwksRequests()).isEqualTo(2);
		assertThat(this.fixture.engine.validatedTokenCount()).isOne();
		this.fixture.keyRejection(old);
	}

	@Test
	void tokenOfAKeyReplacedUnderTheSameKidIsRefused() throws Exception {
		String old = this.fixture.tokens.signedBy(TestTokens.FIRST);
		this.fixture.validate(old);
		RSAKey replacement = new RSAKeyGenerator(2048).keyID("first").generate();
		this.fixture.provider.serveKeys(replacement, TestTokens.SECOND);
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);
		this.fixture.validate(TestTokens.SECOND);
		InvalidTokenException rejected = (InvalidTokenException) this.fixture.rejection(old);
		assertThat(rejected.hasFailed(TokenCheck.SIGNATURE)).as(rejected.getMessage()).isTrue();
	}

	@Test
	void tokenOfAKeyNoLongerAllowedToSignIsRefused() throws Exception {
		String old = this.fixture.tokens.signedBy(TestTokens.FIRST);
		this.fixture.validate(old);
		// The same key material under the same kid, now published for encryption only.
		RSAKey encryptionOnly = new RSAKey.Builder(TestTokens.FIRST.toRSAPublicKey()).keyID("first")
			.keyUse(KeyUse.ENCRYPTION)
			.build();
		this.fixture.provider.serveKeys(encryptionOnly, TestTokens.SECOND);
		this.fixture.clock.advance(MINIMUM_REFRESH_INTERVAL);
		this.fixture.validate(TestTokens.SECOND);
		this.fixture.keyRejection(old);
	}

	@Test
	void cacheIsBounded() {
		IdentityEngine engine = engine(new EngineSettings.TokenCacheSettings(true, 10));
		for (int i = 0; i < 100; i++) {
			engine.validate(this.fixture.tokens.signedBy(TestTokens.FIRST, "first"), this.fixture.fetcher).join();
			this.fixture.clock.advance(Duration.ofSeconds(1));
		}
		assertThat(engine.validatedTokenCount()).isBetween(1, 10);
	}

	@Test
	void cacheCanBeTurnedOff() {
		IdentityEngine engine = engine(EngineSettings.TokenCacheSettings.DISABLED);
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		ValidatedToken first = engine.validate(token, this.fixture.fetcher).join();
		assertThat(engine.validate(token, this.fixture.fetcher).join()).isNotSameAs(first);
		assertThat(engine.validatedTokenCount()).isZero();
	}

	@Test
	void validateWhenAnotherPayloadCarriesTheSignatureOfARememberedTokenThenItIsVerifiedAndRefused() {
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		ValidatedToken first = this.fixture.validate(token);
		int payloadStart = token.indexOf('.') + 1;
		int signatureStart = token.lastIndexOf('.') + 1;
		String payload = new String(Base64.getUrlDecoder().decode(token.substring(payloadStart, signatureStart - 1)),
				StandardCharsets.UTF_8);
		String otherPayload = payload.replace(first.getSubject(), "someone-else");
		assertThat(otherPayload).isNotEqualTo(payload);
		String forged = token.substring(0, payloadStart)
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(otherPayload.getBytes(StandardCharsets.UTF_8))
				+ "." + token.substring(signatureStart);
		// Same key in the cache (the end of the signature), another token.
		assertThat(ValidatedTokenCache.Key.of(forged)).isEqualTo(ValidatedTokenCache.Key.of(token));
		InvalidTokenException rejected = (InvalidTokenException) this.fixture.rejection(forged);
		assertThat(rejected.hasFailed(TokenCheck.SIGNATURE)).isTrue();
		assertThat(this.fixture.validate(token)).isSameAs(first);
	}

	@Test
	void keyIsTheEndOfTheTokenAndShowsNoneOfIt() {
		String token = this.fixture.tokens.signedBy(TestTokens.FIRST);
		ValidatedTokenCache.Key key = ValidatedTokenCache.Key.of(token);
		assertThat(key).isEqualTo(ValidatedTokenCache.Key.of(new String(token.toCharArray())))
			.hasSameHashCodeAs(ValidatedTokenCache.Key.of(new String(token.toCharArray())))
			.isEqualTo(ValidatedTokenCache.Key.of("x" + token.substring(1)))
			.isNotEqualTo(ValidatedTokenCache.Key.of(token + "A"));
		int sixteenth = token.length() - ValidatedTokenCache.Key.CHARACTERS;
		char other = (token.charAt(sixteenth) == 'A') ? 'B' : 'A';
		assertThat(key).isNotEqualTo(
				ValidatedTokenCache.Key.of(token.substring(0, sixteenth) + other + token.substring(sixteenth + 1)));
		assertThat(key.toString()).doesNotContain(token.substring(sixteenth, sixteenth + 4));
		assertThat(ValidatedTokenCache.Key.of("a")).isNotEqualTo(ValidatedTokenCache.Key.of("b"));
		Set<Class<?>> fieldTypes = new HashSet<>();
		for (Field field : ValidatedTokenCache.Key.class.getDeclaredFields()) {
			if (!Modifier.isStatic(field.getModifiers())) {
				fieldTypes.add(field.getType());
			}
		}
		assertThat(fieldTypes).containsOnly(long.class);
	}

	private IdentityEngine engine(EngineSettings.TokenCacheSettings tokenCache) {
		EngineSettings settings = new EngineSettings(URI.create(this.fixture.provider.issuer()),
				ValidationPolicy.withIssuer(this.fixture.provider.issuer()).build(), DiscoveryPolicy.STRICT,
				EngineFixture.DISCOVERY_CACHE, EngineFixture.JWKS_CACHE)
			.withTokenCache(tokenCache);
		return new IdentityEngine(settings, this.fixture.clock, this.fixture.background);
	}

	private String sign(RSAKey key, String kid, Instant notBefore, Instant expiresAt) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.fixture.provider.issuer())
			.subject("alice")
			.notBeforeTime(Date.from(notBefore))
			.expirationTime(Date.from(expiresAt))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
