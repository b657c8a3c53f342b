package dev.identity.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSignerOption;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.opts.AllowWeakRSAKey;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import dev.identity.core.internal.validation.ParsedToken;
import dev.identity.core.internal.validation.TokenVerifier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Keys, policies and really signed tokens for the core tests. Keys are generated once per
 * JVM: RSA generation dominates the run time otherwise.
 */
public final class TestTokens {

	public static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

	public static final String ISSUER = "https://idp.example.com";

	public static final String AUDIENCE = "orders-api";

	public static final TestKey RSA = rsa("rsa-1", 2048);

	/**
	 * Same {@code kid} as {@link #RSA}, other key material: what an attacker signs with.
	 */
	public static final TestKey ATTACKER_RSA = rsa("rsa-1", 2048);

	public static final TestKey OTHER_RSA = rsa("rsa-2", 2048);

	public static final TestKey WEAK_RSA = rsa("rsa-weak", 1024);

	public static final TestKey P256 = ec("ec-256", Curve.P_256);

	public static final TestKey P384 = ec("ec-384", Curve.P_384);

	public static final TestKey P521 = ec("ec-521", Curve.P_521);

	public static final TestKey ED25519 = okp("ed-25519", "Ed25519", Curve.Ed25519);

	public static final TestKey ED448 = okp("ed-448", "Ed448", Curve.Ed448);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TestTokens() {
	}

	/** Issuer, audience and {@code typ} as a typical access-token policy. */
	public static ValidationPolicy.Builder policy() {
		return ValidationPolicy.withIssuer(ISSUER).audiences(List.of(AUDIENCE)).requiredType("at+jwt");
	}

	public static TokenVerifier verifier() {
		return new TokenVerifier(policy().build());
	}

	/** The key set a provider would publish for the given keys (public parts only). */
	public static KeySet keySet(JWK... keys) {
		return KeySet.parse(jwkSet(keys));
	}

	public static String jwkSet(JWK... keys) {
		return new JWKSet(Arrays.stream(keys).map(JWK::toPublicJWK).toList()).toString();
	}

	/**
	 * A token signed by the default key of the algorithm, with claims that pass
	 * {@link #policy()}.
	 */
	public static Token token(JwsAlgorithm algorithm) {
		TestKey key = switch (algorithm.family()) {
			case RSA -> RSA;
			case EC -> switch (algorithm) {
				case ES384 -> P384;
				case ES512 -> P521;
				default -> P256;
			};
			case OKP -> ED25519;
		};
		return new Token(algorithm.name(), key);
	}

	/** Parse, select a key and verify, as the engine does. */
	public static ValidatedToken verify(TokenVerifier verifier, String token, KeySet keys) {
		ParsedToken parsed = verifier.parse(token);
		VerificationKey key = verifier.selectKey(parsed, keys);
		if (key == null) {
			throw verifier.reject(parsed, new TokenCheckFailure(TokenCheck.KEY, "no key for the token"), NOW);
		}
		return verifier.verify(parsed, key, NOW);
	}

	public static InvalidTokenException rejection(ThrowingCallable call) {
		Throwable thrown = catchThrowable(call);
		assertThat(thrown).isInstanceOf(InvalidTokenException.class);
		return (InvalidTokenException) thrown;
	}

	public static List<TokenCheck> checks(InvalidTokenException exception) {
		return exception.getFailures().stream().map(TokenCheckFailure::check).toList();
	}

	public static String base64url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public static String base64url(String text) {
		return base64url(text.getBytes(StandardCharsets.UTF_8));
	}

	public static byte[] decode(String part) {
		return Base64.getUrlDecoder().decode(part);
	}

	public static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	public static String sign(String algorithm, TestKey key, byte[] input) {
		try {
			if (algorithm.startsWith("RS") || algorithm.startsWith("PS")) {
				return new RSASSASigner(key.privateKey(), Set.<JWSSignerOption>of(AllowWeakRSAKey.getInstance()))
					.sign(new JWSHeader(JWSAlgorithm.parse(algorithm)), input)
					.toString();
			}
			if (algorithm.startsWith("ES")) {
				return new ECDSASigner((ECPrivateKey) key.privateKey())
					.sign(new JWSHeader(JWSAlgorithm.parse(algorithm)), input)
					.toString();
			}
			if (algorithm.equals("EdDSA")) {
				Signature signature = Signature.getInstance("EdDSA");
				signature.initSign(key.privateKey());
				signature.update(input);
				return base64url(signature.sign());
			}
		}
		catch (JOSEException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		throw new IllegalArgumentException(algorithm);
	}

	private static TestKey rsa(String kid, int bits) {
		try {
			if (bits < 2048) {
				// Nimbus refuses to generate keys this weak, so the JDK does it.
				KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
				generator.initialize(bits);
				KeyPair pair = generator.generateKeyPair();
				RSAKey jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).build();
				return new TestKey(kid, jwk, pair.getPrivate());
			}
			RSAKey jwk = new RSAKeyGenerator(bits).keyID(kid).generate();
			return new TestKey(kid, jwk.toPublicJWK(), jwk.toPrivateKey());
		}
		catch (JOSEException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static TestKey ec(String kid, Curve curve) {
		try {
			ECKey jwk = new ECKeyGenerator(curve).keyID(kid).generate();
			return new TestKey(kid, jwk.toPublicJWK(), jwk.toPrivateKey());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Generated by the JDK: Nimbus' own OKP generator needs Tink. */
	private static TestKey okp(String kid, String jdkCurve, Curve curve) {
		try {
			KeyPair pair = KeyPairGenerator.getInstance(jdkCurve).generateKeyPair();
			byte[] encoded = pair.getPublic().getEncoded();
			// The raw key is the tail of the X.509 SubjectPublicKeyInfo (RFC 8410 §4).
			int length = "Ed25519".equals(jdkCurve) ? 32 : 57;
			byte[] raw = Arrays.copyOfRange(encoded, encoded.length - length, encoded.length);
			OctetKeyPair jwk = new OctetKeyPair.Builder(curve, Base64URL.encode(raw)).keyID(kid).build();
			return new TestKey(kid, jwk, pair.getPrivate());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A key pair as a provider holds it: the public JWK it publishes and the private key
	 * it signs with.
	 */
	public record TestKey(String kid, JWK jwk, PrivateKey privateKey) {

	}

	/** Produces the signature part of a token from its signing input. */
	@FunctionalInterface
	public interface Signer {

		String sign(byte[] signingInput);

	}

	/**
	 * A token under construction: header and claims as maps (or raw JSON), signed on
	 * {@link #build()}.
	 */
	public static final class Token {

		private final Map<String, Object> header = new LinkedHashMap<>();

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private String rawHeader;

		private String rawPayload;

		private Signer signer;

		private Token(String algorithm, TestKey key) {
			this.header.put("alg", algorithm);
			this.header.put("typ", "at+jwt");
			this.header.put("kid", key.kid());
			this.claims.put("iss", ISSUER);
			this.claims.put("sub", "alice");
			this.claims.put("aud", AUDIENCE);
			this.claims.put("iat", NOW.minusSeconds(10).getEpochSecond());
			this.claims.put("exp", NOW.plusSeconds(300).getEpochSecond());
			this.signer = (input) -> sign(algorithm, key, input);
		}

		public Token header(String name, Object value) {
			this.header.put(name, value);
			return this;
		}

		public Token withoutHeader(String name) {
			this.header.remove(name);
			return this;
		}

		/** Set a claim; a {@code null} value is written as JSON {@code null}. */
		public Token claim(String name, Object value) {
			this.claims.put(name, value);
			return this;
		}

		public Token withoutClaim(String name) {
			this.claims.remove(name);
			return this;
		}

		public Token rawHeader(String json) {
			this.rawHeader = json;
			return this;
		}

		public Token rawPayload(String json) {
			this.rawPayload = json;
			return this;
		}

		/** Sign with another key, keeping the header's {@code alg} and {@code kid}. */
		public Token signedWith(String algorithm, TestKey key) {
			this.signer = (input) -> sign(algorithm, key, input);
			return this;
		}

		public Token signedWith(Signer signer) {
			this.signer = signer;
			return this;
		}

		public String build() {
			String headerPart = base64url((this.rawHeader != null) ? this.rawHeader : json(this.header));
			String payloadPart = base64url((this.rawPayload != null) ? this.rawPayload : json(this.claims));
			String signingInput = headerPart + "." + payloadPart;
			return signingInput + "." + this.signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
		}

	}

}
