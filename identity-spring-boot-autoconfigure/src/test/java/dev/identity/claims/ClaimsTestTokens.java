package dev.identity.claims;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.identity.core.KeySet;
import dev.identity.core.ValidatedToken;
import dev.identity.core.ValidationPolicy;
import dev.identity.core.VerificationKey;
import dev.identity.core.internal.validation.ParsedToken;
import dev.identity.core.internal.validation.TokenVerifier;
import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validated tokens for the claims tests, produced the only way a {@link ValidatedToken}
 * can be: signed, then parsed and verified by the real verifier. The key is generated
 * once per JVM.
 */
public final class ClaimsTestTokens {

	public static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

	private static final String ISSUER = "https://idp.example.com";

	private static final RSAKey KEY = generate();

	private static final KeySet KEYS = KeySet.parse(new JWKSet(KEY.toPublicJWK()).toString());

	private static final TokenVerifier VERIFIER = new TokenVerifier(
			ValidationPolicy.withIssuer(ISSUER).audiences(List.of("orders-api")).build());

	private ClaimsTestTokens() {
	}

	/**
	 * A validated token carrying the given claims besides the registered ones.
	 * @param claims the claims; maps and lists become JSON objects and arrays
	 * @return the validated token
	 */
	public static ValidatedToken token(Map<String, Object> claims) {
		JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("alice")
			.audience("orders-api")
			.issueTime(Date.from(NOW.minusSeconds(10)))
			.expirationTime(Date.from(NOW.plusSeconds(300)));
		claims.forEach(set::claim);
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
				set.build());
		try {
			jwt.sign(new RSASSASigner(KEY));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		ParsedToken parsed = VERIFIER.parse(jwt.serialize());
		VerificationKey key = VERIFIER.selectKey(parsed, KEYS);
		assertThat(key).isNotNull();
		return VERIFIER.verify(parsed, key, NOW);
	}

	/** A validated token with no claims besides the registered ones. */
	static ValidatedToken token() {
		return token(Map.of());
	}

	/** Authority names in the order they were granted. */
	static List<String> names(Collection<GrantedAuthority> authorities) {
		return authorities.stream().map(GrantedAuthority::getAuthority).toList();
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID("claims-test").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
