package dev.identity.login.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.EdECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.KeySet;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.core.ValidatedToken;
import dev.identity.core.ValidationPolicy;
import dev.identity.core.VerificationKey;
import dev.identity.core.internal.LogSafeText;
import dev.identity.core.internal.validation.ParsedToken;
import dev.identity.core.internal.validation.TokenVerifier;
import org.jspecify.annotations.Nullable;

/**
 * Validates the ID token of an authorization-code login (OpenID Connect Core §3.1.3.7).
 * The JOSE and JWT rules (signature, {@code alg}, {@code iss}, {@code aud} holding the
 * client id, {@code exp}, {@code iat}, required {@code sub} and {@code iat}) are the
 * {@link TokenVerifier}'s; this class adds the rules of OpenID Connect:
 * <ul>
 * <li>every audience is this client or one it trusts (step 3);</li>
 * <li>with several audiences {@code azp} is present, and when present it is this client
 * (steps 4 and 5 of OpenID Connect Core 1.0 as first published);</li>
 * <li>{@code nonce} equals the pending login's (step 11);</li>
 * <li>{@code auth_time} is present and recent enough when {@code max_age} was requested
 * (step 13);</li>
 * <li>{@code at_hash}, when present, matches the access token (§3.1.3.8, §3.2.2.9);</li>
 * <li>the login was started at this validator's issuer.</li>
 * </ul>
 * Immutable and thread-safe; build one with {@link #forClient(String, String)}.
 */
public final class IdTokenValidator {

	// The OpenID Connect rules this class adds to the core's checks.
	private static final TokenCheck NONCE = TokenCheck.NONCE;

	private static final TokenCheck AUTHORIZED_PARTY = TokenCheck.AUTHORIZED_PARTY;

	private static final TokenCheck ACCESS_TOKEN_HASH = TokenCheck.ACCESS_TOKEN_HASH;

	private static final TokenCheck AUTHENTICATION_TIME = TokenCheck.AUTHENTICATION_TIME;

	private final String clientId;

	private final Set<String> trustedAudiences;

	private final TokenVerifier verifier;

	private IdTokenValidator(Builder builder) {
		this.clientId = builder.clientId;
		this.trustedAudiences = Set.copyOf(builder.trustedAudiences);
		this.verifier = new TokenVerifier(builder.policy.build());
	}

	/**
	 * Start a validator for the ID tokens a provider issues to this client.
	 * @param issuer the provider's issuer identifier, compared exactly with {@code iss}
	 * @param clientId this application's client id, which {@code aud} must hold
	 * @return a builder
	 */
	public static Builder forClient(String issuer, String clientId) {
		return new Builder(issuer, clientId);
	}

	/**
	 * The policy the JOSE and JWT checks run with: issuer, audience = client id,
	 * {@code sub} and {@code iat} required.
	 */
	public ValidationPolicy getPolicy() {
		return this.verifier.getPolicy();
	}

	/** Client id the ID tokens are for. */
	public String getClientId() {
		return this.clientId;
	}

	/**
	 * Validate the ID token of a token response (OpenID Connect Core §3.1.3.7).
	 * @param idToken the {@code id_token} of the token response
	 * @param keys the provider's current keys
	 * @param pending the login the token completes
	 * @param accessToken the {@code access_token} issued with it, to check
	 * {@code at_hash}; {@code null} when none was issued, in which case {@code at_hash}
	 * is not checked
	 * @param now the current time
	 * @return the validated ID token
	 * @throws InvalidTokenException listing the failed checks; {@link TokenCheck#KEY}
	 * when no key of the set fits the token, so that the caller may refresh the keys once
	 * and try again
	 */
	public ValidatedToken validate(String idToken, KeySet keys, PendingLogin pending, @Nullable String accessToken,
			Instant now) {
		Objects.requireNonNull(keys, "keys");
		Objects.requireNonNull(pending, "pending");
		Objects.requireNonNull(now, "now");
		ParsedToken parsed = this.verifier.parse(idToken);
		if (parsed.hasHeaderFailures()) {
			throw this.verifier.reject(parsed, null, now);
		}
		VerificationKey key = this.verifier.selectKey(parsed, keys);
		if (key == null) {
			throw this.verifier.reject(parsed,
					new TokenCheckFailure(TokenCheck.KEY,
							((parsed.getKeyId() != null)
									? "no key with kid '" + LogSafeText.of(parsed.getKeyId(), 64) + "'"
									: "no key for " + parsed.getAlgorithm()) + " in the provider's JWK set " + keys),
					now);
		}
		ValidatedToken token = this.verifier.verify(parsed, key, now);
		List<TokenCheckFailure> failures = new ArrayList<>(2);
		checkLoginIssuer(pending, failures);
		checkAudiences(token, failures);
		checkAuthorizedParty(token, failures);
		checkNonce(token, pending, failures);
		checkAuthenticationTime(token, pending, now, failures);
		checkAccessTokenHash(token, key, accessToken, failures);
		if (!failures.isEmpty()) {
			throw new InvalidTokenException(failures);
		}
		return token;
	}

	private void checkLoginIssuer(PendingLogin pending, List<TokenCheckFailure> failures) {
		String issuer = getPolicy().getIssuer();
		if (!pending.issuer().equals(issuer)) {
			failures.add(new TokenCheckFailure(TokenCheck.ISSUER, "the login was sent to issuer '" + pending.issuer()
					+ "' but this validator accepts ID tokens of '" + issuer + "'"));
		}
	}

	private void checkAudiences(ValidatedToken token, List<TokenCheckFailure> failures) {
		for (String audience : token.getAudiences()) {
			if (!audience.equals(this.clientId) && !this.trustedAudiences.contains(audience)) {
				failures.add(new TokenCheckFailure(TokenCheck.AUDIENCE,
						"aud holds '" + LogSafeText.of(audience, 64)
								+ "', an audience this client does not trust (OpenID Connect Core §3.1.3.7 step 3); "
								+ "list it among the trusted audiences if the provider is expected to add it"));
			}
		}
	}

	private void checkAuthorizedParty(ValidatedToken token, List<TokenCheckFailure> failures) {
		Object azp = token.getClaim("azp");
		if (azp == null) {
			if (token.getAudiences().size() > 1) {
				failures.add(new TokenCheckFailure(AUTHORIZED_PARTY, "ID token has " + token.getAudiences().size()
						+ " audiences but no 'azp' naming the party it was issued to (OpenID Connect Core §3.1.3.7 step 4)"));
			}
			return;
		}
		if (!(azp instanceof String party)) {
			failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'azp' is not a string"));
			return;
		}
		if (!party.equals(this.clientId)) {
			failures.add(new TokenCheckFailure(AUTHORIZED_PARTY, "azp '" + LogSafeText.of(party, 64)
					+ "' is not this client '" + this.clientId + "' (OpenID Connect Core §3.1.3.7 step 5)"));
		}
	}

	private void checkNonce(ValidatedToken token, PendingLogin pending, List<TokenCheckFailure> failures) {
		Object nonce = token.getClaim("nonce");
		if (nonce == null) {
			failures.add(new TokenCheckFailure(TokenCheck.REQUIRED_CLAIM, "ID token has no 'nonce' though the "
					+ "authorization request sent one (OpenID Connect Core §3.1.3.7 step 11)"));
			return;
		}
		if (!(nonce instanceof String value)) {
			failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'nonce' is not a string"));
			return;
		}
		if (!MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
				pending.nonce().getBytes(StandardCharsets.UTF_8))) {
			failures.add(new TokenCheckFailure(NONCE, "'nonce' is not the one of the pending login: the ID token "
					+ "was issued for another login or replayed (OpenID Connect Core §3.1.3.7 step 11)"));
		}
	}

	private void checkAuthenticationTime(ValidatedToken token, PendingLogin pending, Instant now,
			List<TokenCheckFailure> failures) {
		Duration maxAge = pending.maxAuthenticationAge();
		if (maxAge == null) {
			return;
		}
		Object authTime = token.getClaim("auth_time");
		if (authTime == null) {
			failures.add(new TokenCheckFailure(TokenCheck.REQUIRED_CLAIM,
					"ID token has no 'auth_time' though " + "max_age was requested (OpenID Connect Core §3.1.2.1)"));
			return;
		}
		if (!(authTime instanceof Number number)) {
			failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'auth_time' is not a number"));
			return;
		}
		Duration skew = getPolicy().getClockSkew();
		// Seconds as double: any NumericDate a provider may send compares without
		// overflow, and NaN fails.
		double oldestAllowed = (double) now.getEpochSecond() - maxAge.getSeconds() - skew.getSeconds();
		double seconds = number.doubleValue();
		if (!(seconds >= oldestAllowed)) {
			String when = (Math.abs(seconds) < 1e15) ? Instant.ofEpochSecond((long) seconds).toString()
					: number.toString();
			failures.add(new TokenCheckFailure(AUTHENTICATION_TIME,
					"the user authenticated at " + when + ", more than max_age " + maxAge + " before now (" + now
							+ ", clock skew " + skew.getSeconds() + "s) (OpenID Connect Core §3.1.3.7 step 13)"));
		}
	}

	private void checkAccessTokenHash(ValidatedToken token, VerificationKey key, @Nullable String accessToken,
			List<TokenCheckFailure> failures) {
		Object atHash = token.getClaim("at_hash");
		if (atHash == null || accessToken == null) {
			return;
		}
		if (!(atHash instanceof String expected)) {
			failures.add(new TokenCheckFailure(TokenCheck.CLAIM_TYPE, "'at_hash' is not a string"));
			return;
		}
		// Set: an ID token is validated as a signed JWT; only an introspected opaque
		// token has no algorithm.
		String digest = hashAlgorithm(Objects.requireNonNull(token.getAlgorithm(), "algorithm"), key);
		if (digest == null) {
			failures.add(new TokenCheckFailure(ACCESS_TOKEN_HASH, "'at_hash' of an EdDSA token signed with "
					+ "Ed448 needs SHAKE256, which this platform does not offer; the hash cannot be verified"));
			return;
		}
		String actual = leftHalfHash(digest, accessToken);
		if (!MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
				expected.getBytes(StandardCharsets.UTF_8))) {
			failures.add(new TokenCheckFailure(ACCESS_TOKEN_HASH, "'at_hash' does not match the access token issued "
					+ "with the ID token (" + digest + ", OpenID Connect Core §3.1.3.8)"));
		}
	}

	/**
	 * The hash of the ID token's {@code alg} (OpenID Connect Core §3.1.3.6): the one the
	 * signature uses, and SHA-512 for EdDSA with Ed25519.
	 * @return the JCA name, or {@code null} for Ed448, whose SHAKE256 the JDK does not
	 * offer as a digest
	 */
	static @Nullable String hashAlgorithm(JwsAlgorithm algorithm, VerificationKey key) {
		return switch (algorithm) {
			case RS256, PS256, ES256 -> "SHA-256";
			case RS384, PS384, ES384 -> "SHA-384";
			case RS512, PS512, ES512 -> "SHA-512";
			case EdDSA -> (key.getPublicKey() instanceof EdECPublicKey edKey
					&& "Ed25519".equalsIgnoreCase(edKey.getParams().getName())) ? "SHA-512" : null;
		};
	}

	/**
	 * {@code BASE64URL(left half of HASH(ASCII(access_token)))} (OpenID Connect Core
	 * §3.1.3.6).
	 * @param digest the JCA digest name
	 * @param accessToken the access token
	 * @return the {@code at_hash} value
	 */
	static String leftHalfHash(String digest, String accessToken) {
		try {
			byte[] hash = MessageDigest.getInstance(digest).digest(accessToken.getBytes(StandardCharsets.US_ASCII));
			return RandomTokens.base64url(Arrays.copyOf(hash, hash.length / 2));
		}
		catch (NoSuchAlgorithmException ex) {
			// SHA-256, SHA-384 and SHA-512 are required of every Java platform.
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "IdTokenValidator[issuer=" + getPolicy().getIssuer() + ", clientId=" + this.clientId
				+ ", trustedAudiences=" + this.trustedAudiences + "]";
	}

	/**
	 * Builder for {@link IdTokenValidator}; every argument is checked.
	 */
	public static final class Builder {

		private final String clientId;

		// The JOSE and JWT rules, with their argument checks, are the core policy's; this
		// builder only
		// adds what is particular to ID tokens.
		private final ValidationPolicy.Builder policy;

		private final Set<String> trustedAudiences = new LinkedHashSet<>();

		private Builder(String issuer, String clientId) {
			ValidationPolicy.Builder policy = ValidationPolicy.withIssuer(issuer);
			Objects.requireNonNull(clientId, "clientId");
			if (clientId.isBlank()) {
				throw new IllegalArgumentException("client id must not be blank");
			}
			// What the core refuses as an access token is exactly what this validator
			// expects.
			this.policy = policy.audiences(List.of(clientId))
				.requiredClaims(List.of("sub", "iat"))
				.acceptIdTokens(true);
			this.clientId = clientId;
		}

		/**
		 * Signature algorithms accepted for ID tokens (OpenID Connect Core §3.1.3.7 step
		 * 6), e.g. the client's {@code id_token_signed_response_alg}; all asymmetric ones
		 * by default.
		 */
		public Builder algorithms(Collection<JwsAlgorithm> algorithms) {
			this.policy.algorithms(algorithms);
			return this;
		}

		/** Tolerance for {@code exp}, {@code iat} and {@code auth_time}. */
		public Builder clockSkew(Duration clockSkew) {
			this.policy.clockSkew(clockSkew);
			return this;
		}

		/**
		 * Audiences besides the client id that an ID token may carry; any other is
		 * rejected (OpenID Connect Core §3.1.3.7 step 3). Empty by default.
		 */
		public Builder trustedAudiences(Collection<String> audiences) {
			Objects.requireNonNull(audiences, "audiences");
			this.trustedAudiences.clear();
			for (String audience : audiences) {
				if (audience == null || audience.isBlank()) {
					throw new IllegalArgumentException("trusted audiences must not contain blank values");
				}
				this.trustedAudiences.add(audience);
			}
			return this;
		}

		public IdTokenValidator build() {
			return new IdTokenValidator(this);
		}

	}

}
