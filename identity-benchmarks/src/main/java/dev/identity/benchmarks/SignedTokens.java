package dev.identity.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Pre-signed RFC 9068 access tokens ({@code typ: at+jwt}) with, for the floor, each
 * token's signing input and signature already decoded.
 * <p>
 * Each token has {@code kid}, {@code iss}, {@code aud}, {@code sub}, {@code iat},
 * {@code exp} (an hour ahead), {@code scope} and {@code jti}; {@code sub} and {@code jti}
 * differ from token to token, so no two tokens are equal. Such a token has about 750
 * characters. Tokens may also carry group ids in {@code groups}, as Microsoft Entra ID
 * puts them in the tokens of members of many groups: with {@link #ENTRA_GROUPS} of them a
 * token has about 11,000 characters.
 */
final class SignedTokens {

	/** The audience the tokens are issued for, and the one every validator requires. */
	static final String AUDIENCE = "api";

	/**
	 * The token type of RFC 9068, in the header of every token and required by every
	 * validator.
	 */
	static final String TOKEN_TYPE = "at+jwt";

	static final String SCOPE = "notes.read notes.write";

	static final Duration LIFETIME = Duration.ofHours(1);

	/** Group ids in an Entra-style token of a member of many groups. */
	static final int ENTRA_GROUPS = 200;

	private final String[] tokens;

	private final byte[][] signingInputs;

	private final byte[][] signatures;

	private SignedTokens(String[] tokens) {
		this.tokens = tokens;
		this.signingInputs = new byte[tokens.length][];
		this.signatures = new byte[tokens.length][];
		for (int i = 0; i < tokens.length; i++) {
			int dot = tokens[i].lastIndexOf('.');
			this.signingInputs[i] = tokens[i].substring(0, dot).getBytes(StandardCharsets.US_ASCII);
			this.signatures[i] = Base64.getUrlDecoder().decode(tokens[i].substring(dot + 1));
		}
	}

	/**
	 * Sign {@code count} distinct tokens.
	 * @param algorithm the key's algorithm
	 * @param key the private key
	 * @param issuer the {@code iss} of the tokens
	 * @param series names the tokens' series in {@code jti}, so that tokens of different
	 * series differ
	 * @param count how many tokens
	 * @return the tokens
	 */
	static SignedTokens sign(SigningKey algorithm, JWK key, String issuer, int series, int count) {
		return sign(algorithm, key, issuer, series, count, 0);
	}

	/**
	 * Sign {@code count} distinct tokens, each with group ids.
	 * @param algorithm the key's algorithm
	 * @param key the private key
	 * @param issuer the {@code iss} of the tokens
	 * @param series names the tokens' series in {@code jti}, so that tokens of different
	 * series differ
	 * @param count how many tokens
	 * @param groups how many group ids (UUIDs) each token has in {@code groups}; with
	 * none the claim is left out
	 * @return the tokens
	 */
	static SignedTokens sign(SigningKey algorithm, JWK key, String issuer, int series, int count, int groups) {
		if (count < 1) {
			throw new IllegalArgumentException("at least one token is needed, not " + count);
		}
		JWSSigner signer = algorithm.signer(key);
		JWSHeader header = new JWSHeader.Builder(algorithm.jwsAlgorithm()).type(new JOSEObjectType(TOKEN_TYPE))
			.keyID(key.getKeyID())
			.build();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String[] tokens = new String[count];
		for (int i = 0; i < count; i++) {
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer)
				.audience(AUDIENCE)
				.subject(String.format("user-%06d", i))
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(LIFETIME)))
				.claim("scope", SCOPE)
				.jwtID(new UUID(series, i).toString());
			if (groups > 0) {
				List<String> ids = new ArrayList<>(groups);
				for (int group = 0; group < groups; group++) {
					ids.add(new UUID(i, group).toString());
				}
				claims.claim("groups", ids);
			}
			SignedJWT jwt = new SignedJWT(header, claims.build());
			try {
				jwt.sign(signer);
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("cannot sign a token", ex);
			}
			tokens[i] = jwt.serialize();
		}
		return new SignedTokens(tokens);
	}

	int size() {
		return this.tokens.length;
	}

	String token(int index) {
		return this.tokens[index];
	}

	/** The ASCII bytes of {@code header.payload}, the input of the signature. */
	byte[] signingInput(int index) {
		return this.signingInputs[index];
	}

	/** The decoded signature: PKCS #1 v1.5 for RS256, R||S for ES256. */
	byte[] signature(int index) {
		return this.signatures[index];
	}

}
