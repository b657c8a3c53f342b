package dev.identity.engine.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Random;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signing keys and tokens. Keys are generated once per JVM: RSA generation is the slowest
 * step of these tests and no test depends on a fresh key.
 */
public final class TestTokens {

	public static final RSAKey FIRST = generate("first");

	public static final RSAKey SECOND = generate("second");

	public static final RSAKey THIRD = generate("third");

	private final Clock clock;

	private final String issuer;

	public TestTokens(Clock clock, String issuer) {
		this.clock = clock;
		this.issuer = issuer;
	}

	/**
	 * A token signed by the key, carrying its {@code kid}, valid for an hour from now.
	 */
	public String signedBy(RSAKey key) {
		return signedBy(key, key.getKeyID());
	}

	/**
	 * A token signed by the key but naming another {@code kid}, as a forger would send.
	 */
	public String signedBy(RSAKey key, String kid) {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject("alice")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(1))))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	/**
	 * A well-formed RS256 token naming a {@code kid} with a random signature, as a forger
	 * without any key would send; cheap enough to make thousands.
	 */
	public String forged(String kid, Random random) {
		Instant now = this.clock.instant();
		String header = "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}";
		String payload = "{\"iss\":\"" + this.issuer + "\",\"sub\":\"mallory\",\"exp\":"
				+ now.plus(Duration.ofHours(1)).getEpochSecond() + "}";
		byte[] signature = new byte[256];
		random.nextBytes(signature);
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(signature);
	}

	private static RSAKey generate(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
