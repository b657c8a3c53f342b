package dev.identity.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import dev.identity.client.EventLoopPolicy;
import dev.identity.client.OAuthClient;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.client.SmartOAuthClient;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.ValidatedToken;
import dev.identity.core.ValidationPolicy;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.IdentityEngines;
import dev.identity.engine.internal.cache.CacheSettings;
import dev.identity.engine.internal.cache.ValidationCacheStats;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Everything a benchmark compares, over one signing key: the floor's public key, Spring
 * Security's {@link NimbusJwtDecoder}, and {@link OAuthClient},
 * {@link ReactiveOAuthClient} and {@link SmartOAuthClient} sharing one
 * {@link IdentityEngine} whose provider is a {@link LocalProvider}.
 * <p>
 * Both sides apply the same rules: signature with the key of the token's {@code kid},
 * {@code typ} {@code at+jwt}, {@code iss} equal to the issuer, {@code aud} holding
 * {@value SignedTokens#AUDIENCE}, {@code exp} and {@code nbf} with 60 s of clock skew.
 * The engine also rejects an {@code iat} in the future; Spring has no validator for
 * exactly that ({@code JwtIssuedAtValidator} also rejects tokens issued more than the
 * skew ago, so it cannot be used on hour-long tokens). The decoder reads the same JWK set
 * from an in-memory {@code JWKSource}, as {@code withIssuerLocation} reads it after its
 * first fetch, without I/O.
 * <p>
 * {@link #warm()} validates one token with each, so the engine has fetched and cached
 * discovery and keys before measurement; the caches live a day, so nothing is fetched
 * again during a run.
 */
final class Validators implements AutoCloseable {

	/** The clock skew of both sides (also the engine's default). */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	/** Series of the warm-up token, kept apart from the measured ones. */
	private static final int WARM_UP_SERIES = 0;

	private final SigningKey algorithm;

	private final JWK key;

	private final PublicKey publicKey;

	private final LocalProvider provider;

	private final IdentityEngine engine;

	private final OAuthClient oauthClient;

	private final ReactiveOAuthClient reactiveOAuthClient;

	private final SmartOAuthClient smartOAuthClient;

	/** An engine for a second issuer, which no token here names: only routed past. */
	private final IdentityEngine otherIssuer;

	/** {@code OAuthClient} over the other issuer (declared first) and this one. */
	private final OAuthClient oauthClientOfTwoIssuers;

	private final NimbusJwtDecoder nimbusJwtDecoder;

	private int requestsWhenWarm = -1;

	private ValidationCacheStats cacheWhenWarm = ValidationCacheStats.OFF;

	/**
	 * The engine's validated-token cache for benchmarks of distinct tokens: on, as by
	 * default, but far smaller than the set of tokens cycled through, so that every
	 * validation is a miss and pays for the look-up, inserting and evicting. Eviction is
	 * close to least recently used, so tokens cycled through never hit; the benchmark
	 * reports the hit count of its run to show it.
	 */
	static final EngineSettings.TokenCacheSettings MISSING_CACHE = new EngineSettings.TokenCacheSettings(true, 256);

	private Validators(SigningKey algorithm, LocalProvider provider, EngineSettings.TokenCacheSettings tokenCache) {
		this.algorithm = algorithm;
		this.key = algorithm.generate();
		this.publicKey = algorithm.publicKey(this.key);
		this.provider = provider;
		provider.publish(SigningKey.publicSet(this.key));
		String issuer = provider.issuer();

		// Discovery and JWK set: a day whatever Cache-Control says, no refresh ahead
		// within a run.
		CacheSettings cache = new CacheSettings(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1),
				Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofHours(6));
		ValidationPolicy policy = ValidationPolicy.withIssuer(issuer)
			.audiences(List.of(SignedTokens.AUDIENCE))
			.clockSkew(CLOCK_SKEW)
			.requiredType(SignedTokens.TOKEN_TYPE)
			.build();
		this.engine = new IdentityEngine(
				new EngineSettings(URI.create(issuer), policy, DiscoveryPolicy.STRICT, cache, cache)
					.withTokenCache(tokenCache),
				Clock.systemUTC());
		this.oauthClient = new OAuthClient(this.engine, RestClient.builder().build());
		this.reactiveOAuthClient = new ReactiveOAuthClient(this.engine, WebClient.builder().build(),
				Duration.ofSeconds(10));
		this.smartOAuthClient = new SmartOAuthClient(this.oauthClient, this.reactiveOAuthClient, EventLoopPolicy.FAIL);
		String other = "https://other-issuer.invalid";
		this.otherIssuer = new IdentityEngine(new EngineSettings(URI.create(other),
				ValidationPolicy.withIssuer(other).build(), DiscoveryPolicy.STRICT, cache, cache), Clock.systemUTC());
		Map<String, IdentityEngine> issuers = new LinkedHashMap<>();
		issuers.put("other", this.otherIssuer);
		issuers.put("local", this.engine);
		this.oauthClientOfTwoIssuers = new OAuthClient(new IdentityEngines(issuers), RestClient.builder().build());

		// withJwkSource: no Nimbus type verifier (typ is left to the validators), no
		// Nimbus claims
		// verifier, and RS256 only unless told otherwise.
		this.nimbusJwtDecoder = NimbusJwtDecoder
			.withJwkSource(new ImmutableJWKSet<SecurityContext>(SigningKey.publicSet(this.key)))
			.jwsAlgorithm(algorithm.springAlgorithm())
			.build();
		// createDefaultWithValidators keeps Spring's X509CertificateThumbprintValidator
		// (a no-op without a
		// cnf claim) and replaces its default typ (JWT) and timestamp validators with
		// these.
		List<OAuth2TokenValidator<Jwt>> validators = List.of(new JwtIssuerValidator(issuer),
				new JwtAudienceValidator(SignedTokens.AUDIENCE), new JwtTimestampValidator(CLOCK_SKEW),
				new JwtTypeValidator(SignedTokens.TOKEN_TYPE, "application/" + SignedTokens.TOKEN_TYPE));
		OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithValidators(validators);
		this.nimbusJwtDecoder.setJwtValidator(validator);
	}

	/**
	 * Start a provider for a new key and build every validator against it.
	 * @param algorithm the key's algorithm
	 * @param tokenCache the engine's validated-token cache
	 * @return the validators, not yet warm
	 * @throws IOException when the provider cannot start
	 */
	static Validators start(SigningKey algorithm, EngineSettings.TokenCacheSettings tokenCache) throws IOException {
		LocalProvider provider = LocalProvider.start();
		try {
			return new Validators(algorithm, provider, tokenCache);
		}
		catch (RuntimeException ex) {
			provider.close();
			throw ex;
		}
	}

	/**
	 * Sign distinct tokens of this provider.
	 * @param series distinguishes the tokens of different calls
	 * @param count how many
	 * @return the tokens
	 */
	SignedTokens sign(int series, int count) {
		return sign(series, count, 0);
	}

	/**
	 * Sign distinct tokens of this provider, each with group ids.
	 * @param series distinguishes the tokens of different calls
	 * @param count how many
	 * @param groups how many group ids each token carries
	 * @return the tokens
	 */
	SignedTokens sign(int series, int count, int groups) {
		if (series == WARM_UP_SERIES) {
			throw new IllegalArgumentException("series " + WARM_UP_SERIES + " is the warm-up token's");
		}
		return SignedTokens.sign(this.algorithm, this.key, this.provider.issuer(), series, count, groups);
	}

	/**
	 * Validate a warm-up token (not one of the measured tokens) with every validator: the
	 * engine fetches discovery and keys now, and each validator is shown to accept the
	 * tokens.
	 * @throws GeneralSecurityException when the floor fails
	 */
	void warm() throws GeneralSecurityException {
		SignedTokens warmUp = SignedTokens.sign(this.algorithm, this.key, this.provider.issuer(), WARM_UP_SERIES, 1);
		String token = warmUp.token(0);
		ValidatedToken validated = this.oauthClient.validate(token);
		check(this.reactiveOAuthClient.validate(token).block(), "ReactiveOAuthClient");
		check(this.smartOAuthClient.validate(token), "SmartOAuthClient");
		check(this.oauthClientOfTwoIssuers.validate(token), "OAuthClient of two issuers");
		check(validated, "OAuthClient");
		if (!SignedTokens.AUDIENCE.equals(this.nimbusJwtDecoder.decode(token).getAudience().get(0))) {
			throw new IllegalStateException("NimbusJwtDecoder decoded another audience");
		}
		floor(warmUp, 0);
		if (this.engine.cachedDiscovery() == null || this.engine.cachedKeys() == null) {
			throw new IllegalStateException("the engine did not cache discovery and keys");
		}
		this.requestsWhenWarm = this.provider.requests();
		this.cacheWhenWarm = this.engine.validationCacheStats();
	}

	/**
	 * The validated-token cache's hits and misses since {@link #warm()}, and what it
	 * holds now.
	 */
	ValidationCacheStats cacheSinceWarm() {
		ValidationCacheStats now = this.engine.validationCacheStats();
		return new ValidationCacheStats(now.hits() - this.cacheWhenWarm.hits(),
				now.misses() - this.cacheWhenWarm.misses(), now.entries(), now.bytes());
	}

	private static void check(ValidatedToken validated, String client) {
		if (validated == null) {
			throw new IllegalStateException(client + " returned no token");
		}
	}

	/**
	 * The floor: the JCA check of one token's signature with the key already built. One
	 * {@link Signature} per token ({@code getInstance} and {@code initVerify}, about 0.2
	 * µs), as a verifier does that picks the key per token (Nimbus does; the engine keeps
	 * a key's idle ones instead); no decoding, no JSON, no claim checks.
	 * @param tokens the tokens
	 * @param index which one
	 * @return {@code true}
	 * @throws GeneralSecurityException when the JCA fails
	 * @throws IllegalStateException when the signature does not verify
	 */
	boolean floor(SignedTokens tokens, int index) throws GeneralSecurityException {
		Signature signature = Signature.getInstance(this.algorithm.floorAlgorithm());
		signature.initVerify(this.publicKey);
		signature.update(tokens.signingInput(index));
		if (!signature.verify(tokens.signature(index))) {
			throw new IllegalStateException("signature of token " + index + " does not verify");
		}
		return true;
	}

	IdentityEngine engine() {
		return this.engine;
	}

	NimbusJwtDecoder nimbusJwtDecoder() {
		return this.nimbusJwtDecoder;
	}

	OAuthClient oauthClient() {
		return this.oauthClient;
	}

	ReactiveOAuthClient reactiveOAuthClient() {
		return this.reactiveOAuthClient;
	}

	SmartOAuthClient smartOAuthClient() {
		return this.smartOAuthClient;
	}

	OAuthClient oauthClientOfTwoIssuers() {
		return this.oauthClientOfTwoIssuers;
	}

	/**
	 * Stop the engine and the provider, and say so if the provider was asked anything
	 * after warm-up.
	 */
	@Override
	public void close() {
		int after = this.provider.requests() - this.requestsWhenWarm;
		if (this.requestsWhenWarm >= 0 && after > 0) {
			System.err.println("WARNING: the provider answered " + after
					+ " request(s) after warm-up: the measurement included fetches");
		}
		try {
			this.engine.close();
			this.otherIssuer.close();
		}
		finally {
			this.provider.close();
		}
	}

}
