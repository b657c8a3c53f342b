package dev.identity.testprovider;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens signed with a key of a test's own, for the scripted stubs that play a
 * provider where a real one will not misbehave on cue.
 */
public final class StubTokens {

	private StubTokens() {
	}

	/**
	 * An RS256 access token of subject {@code user-1}, issued now.
	 * @param key the signing key; its id goes in the header
	 * @param issuer the {@code iss}
	 * @param audience the {@code aud}
	 * @param lifetime the time to {@code exp}
	 * @return the compact JWS
	 */
	public static String signed(RSAKey key, String issuer, String audience, Duration lifetime) {
		Instant now = Instant.now();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
				new JWTClaimsSet.Builder().issuer(issuer)
					.subject("user-1")
					.audience(audience)
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plus(lifetime)))
					.build());
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
