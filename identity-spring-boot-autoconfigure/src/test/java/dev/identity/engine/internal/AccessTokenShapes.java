package dev.identity.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens of the two sizes the validated-token cache is measured with (see
 * identity-benchmarks' {@code CacheFootprint}): an RFC 9068 token of about 750
 * characters, and the same with 200 group ids, as Microsoft Entra ID issues to members of
 * many groups (about 11,000 characters).
 */
public final class AccessTokenShapes {

	/** Group ids in the large token. */
	public static final int GROUPS = 200;

	private AccessTokenShapes() {
	}

	/**
	 * Sign a token.
	 * @param key the signing key, named by {@code kid}
	 * @param issuer the {@code iss}
	 * @param now the {@code iat}; {@code exp} is an hour later
	 * @param index makes {@code sub} and {@code jti} differ from token to token
	 * @param groups how many group ids in {@code groups}; none leaves the claim out
	 * @return the compact JWS
	 */
	public static String sign(RSAKey key, String issuer, Instant now, int index, int groups) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer)
			.audience("api")
			.subject(String.format("user-%06d", index))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(1))))
			.claim("scope", "notes.read notes.write")
			.jwtID(new UUID(7, index).toString());
		if (groups > 0) {
			List<String> ids = new ArrayList<>(groups);
			for (int i = 0; i < groups; i++) {
				ids.add(new UUID(index, i).toString());
			}
			claims.claim("groups", ids);
		}
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
			.keyID(key.getKeyID())
			.build();
		SignedJWT jwt = new SignedJWT(header, claims.build());
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
