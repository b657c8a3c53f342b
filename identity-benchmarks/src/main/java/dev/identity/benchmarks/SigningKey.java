package dev.identity.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * The provider's signing key of a benchmark: an RSA-2048 key for RS256 or a P-256 key for
 * ES256.
 * <p>
 * Keys come from a fixed seed, so every forked JVM of a run (JMH forks one per benchmark
 * method) verifies with the same key: the floor, {@code NimbusJwtDecoder} and the clients
 * all see the same key and tokens of the same shape.
 */
enum SigningKey {

	/** RS256 with an RSA-2048 key; the floor is {@code SHA256withRSA}. */
	RS256(JWSAlgorithm.RS256, SignatureAlgorithm.RS256, "SHA256withRSA", "rs256-benchmark-key"),

	/**
	 * ES256 with a P-256 key. A JOSE signature is R||S, which the JCA reads as is under
	 * {@code SHA256withECDSAinP1363Format} (plain {@code SHA256withECDSA} wants DER).
	 */
	ES256(JWSAlgorithm.ES256, SignatureAlgorithm.ES256, "SHA256withECDSAinP1363Format", "es256-benchmark-key");

	private final JWSAlgorithm jwsAlgorithm;

	private final SignatureAlgorithm springAlgorithm;

	private final String floorAlgorithm;

	private final String keyId;

	SigningKey(JWSAlgorithm jwsAlgorithm, SignatureAlgorithm springAlgorithm, String floorAlgorithm, String keyId) {
		this.jwsAlgorithm = jwsAlgorithm;
		this.springAlgorithm = springAlgorithm;
		this.floorAlgorithm = floorAlgorithm;
		this.keyId = keyId;
	}

	JWSAlgorithm jwsAlgorithm() {
		return this.jwsAlgorithm;
	}

	/** The algorithm {@code NimbusJwtDecoder} is told to accept. */
	SignatureAlgorithm springAlgorithm() {
		return this.springAlgorithm;
	}

	/**
	 * JCA name of the floor's {@link java.security.Signature}, reading the JOSE signature
	 * bytes as they are.
	 */
	String floorAlgorithm() {
		return this.floorAlgorithm;
	}

	String keyId() {
		return this.keyId;
	}

	/**
	 * Generate the key pair from this key's fixed seed.
	 * @return the private JWK (with its public half)
	 */
	JWK generate() {
		try {
			SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
			// Seeded before first use, SHA1PRNG is a deterministic generator.
			random.setSeed(("identity-benchmarks-" + name()).getBytes(StandardCharsets.US_ASCII));
			if (this == RS256) {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
				generator.initialize(2048, random);
				KeyPair pair = generator.generateKeyPair();
				return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
					.keyID(this.keyId)
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(this.jwsAlgorithm)
					.build();
			}
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), random);
			KeyPair pair = generator.generateKeyPair();
			return new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
				.privateKey((ECPrivateKey) pair.getPrivate())
				.keyID(this.keyId)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(this.jwsAlgorithm)
				.build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot generate the " + name() + " key", ex);
		}
	}

	/**
	 * A signer with the private key.
	 * @param key the key from {@link #generate()}
	 * @return the signer
	 */
	JWSSigner signer(JWK key) {
		try {
			return (this == RS256) ? new RSASSASigner(key.toRSAKey()) : new ECDSASigner(key.toECKey());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot sign with the " + name() + " key", ex);
		}
	}

	/**
	 * The public key as a JCA key, built once (the floor's key).
	 * @param key the key from {@link #generate()}
	 * @return the public key
	 */
	PublicKey publicKey(JWK key) {
		try {
			return (this == RS256) ? key.toRSAKey().toPublicKey() : key.toECKey().toPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot read the " + name() + " public key", ex);
		}
	}

	/**
	 * The JWK set the provider publishes: the public half only.
	 * @param key the key from {@link #generate()}
	 * @return the public JWK set
	 */
	static JWKSet publicSet(JWK key) {
		return new JWKSet(key.toPublicJWK());
	}

}
