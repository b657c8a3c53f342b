package dev.identity.core.internal.validation;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.KeySet;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenCheckFailure;
import dev.identity.core.ValidatedToken;
import dev.identity.core.ValidationPolicy;
import dev.identity.core.VerificationKey;
import dev.identity.core.internal.CoreAccess;
import org.jspecify.annotations.Nullable;

/**
 * Verifies JWS compact tokens against a {@link ValidationPolicy}. No I/O and no clock:
 * keys and {@code now} are arguments. Every JOSE and JWT rule of this client lives in the
 * core, once; this class puts them in order:
 * <ol>
 * <li>{@link CompactJws}: strict base64url parts, read by {@link JsonObjectReader}, and
 * the header rules of {@link JwsHeaderChecks};</li>
 * <li>the key's fit for the algorithm, and {@link SignatureCheck};</li>
 * <li>the policy's built-in {@link ClaimRule}s, then, on a token that passed all of the
 * above, the application's.</li>
 * </ol>
 */
public final class TokenVerifier {

	private static final CoreAccess.Tokens TOKENS = CoreAccess.tokens();

	private static final CoreAccess.Policies POLICIES = CoreAccess.policies();

	/** Tokens longer than this are refused before any decoding. */
	public static final int MAXIMUM_TOKEN_LENGTH = CompactJws.MAXIMUM_TOKEN_LENGTH;

	private final ValidationPolicy policy;

	private final JwsHeaderChecks headerChecks;

	public TokenVerifier(ValidationPolicy policy) {
		this.policy = policy;
		this.headerChecks = new JwsHeaderChecks(policy);
	}

	public ValidationPolicy getPolicy() {
		return this.policy;
	}

	/**
	 * Split and decode a token and check its header.
	 * @param token the compact serialization
	 * @return the parsed token; header failures are recorded, not thrown, so the claims
	 * checks can still be reported with them
	 * @throws InvalidTokenException ({@link TokenCheck#FORMAT}) when the token is not a
	 * JWS compact serialization of two JSON objects
	 */
	public ParsedToken parse(@Nullable String token) {
		return CompactJws.parse(token, this.headerChecks);
	}

	/**
	 * Pick the key for a token from a key set.
	 * @param token the parsed token
	 * @param keys the key set
	 * @return the key, or {@code null} when the set has no key for the token's
	 * {@code kid} (the caller may refresh the set and try again)
	 * @throws InvalidTokenException when the token has no {@code kid} and the set holds
	 * more than one key for its algorithm
	 */
	public @Nullable VerificationKey selectKey(ParsedToken token, KeySet keys) {
		if (token.keyId != null) {
			return keys.get(token.keyId);
		}
		if (token.algorithm == null) {
			return null;
		}
		List<VerificationKey> candidates = keys.fitting(token.algorithm);
		if (candidates.size() > 1) {
			throw failed(
					token, new TokenCheckFailure(TokenCheck.KEY, "token has no kid and the JWK set holds "
							+ candidates.size() + " keys for " + token.algorithm + "; the provider must send a kid"),
					null);
		}
		return candidates.isEmpty() ? null : candidates.get(0);
	}

	/**
	 * Verify signature and claims: the built-in rules, then the application's rules on a
	 * token that passed every other check.
	 * @param token the parsed token
	 * @param key the key chosen by {@link #selectKey}
	 * @param now the current time
	 * @return the validated token
	 * @throws InvalidTokenException listing every failed check
	 */
	public ValidatedToken verify(ParsedToken token, VerificationKey key, Instant now) {
		List<TokenCheckFailure> failures = new ArrayList<>(token.headerFailures);
		if (token.algorithm != null && token.headerFailures.isEmpty()) {
			List<String> misfits = key.misfits(token.algorithm);
			if (!misfits.isEmpty()) {
				failures.add(new TokenCheckFailure(TokenCheck.KEY, String.join("; ", misfits)));
			}
			else {
				SignatureCheck.verify(token, key, failures);
			}
		}
		ClaimRules.check(POLICIES.builtInRules(this.policy), token, now, failures);
		if (!failures.isEmpty()) {
			throw new InvalidTokenException(failures);
		}
		// The expiry rule passed, so 'exp' is a number. The claims were parsed from this
		// token and are held by nothing else.
		ValidatedToken validated = TOKENS.create(token.tokenValue, token.algorithm, token.keyId, token.type,
				token.claims, Objects.requireNonNull(NumericDate.instant(token.claims.get("exp"))), true);
		return ClaimRules.checkApplicationRules(this.policy, validated, now);
	}

	/**
	 * Whether a token that {@link #verify} accepted earlier may still be accepted without
	 * verifying it again: its validity window holds at {@code now}, with the same clock
	 * skew, and the key that verified it is still the one the key set offers for it, and
	 * still fit for the token's algorithm.
	 * @param token the token accepted earlier
	 * @param notBefore its {@code nbf}, or {@code null}
	 * @param verifiedWith the public key its signature was verified with
	 * @param keys the current key set
	 * @param now the current time
	 * @return whether the earlier verdict still holds
	 */
	public boolean stillValid(ValidatedToken token, @Nullable Instant notBefore, PublicKey verifiedWith, KeySet keys,
			Instant now) {
		long skew = this.policy.getClockSkew().getSeconds();
		if (NumericDate.expired(token.getExpiresAt(), now, skew)
				|| (notBefore != null && NumericDate.notYetValid(notBefore, now, skew))) {
			return false;
		}
		VerificationKey current;
		if (token.getKeyId() != null) {
			current = keys.get(token.getKeyId());
		}
		else {
			List<VerificationKey> candidates = (token.getAlgorithm() != null) ? keys.fitting(token.getAlgorithm())
					: List.of();
			current = (candidates.size() == 1) ? candidates.get(0) : null;
		}
		// The same key, and still allowed for the token's algorithm (use, alg, key_ops
		// may have changed).
		return current != null && token.getAlgorithm() != null && current.getPublicKey().equals(verifiedWith)
				&& current.misfits(token.getAlgorithm()).isEmpty();
	}

	/**
	 * Reject a token that cannot be verified, reporting the given reason with every other
	 * failed check. The application's rules do not run: they only see verified tokens.
	 * @param token the parsed token
	 * @param reason why no key verified it, or {@code null} when the header checks
	 * already failed
	 * @param now the current time
	 * @return never returns normally
	 */
	public InvalidTokenException reject(ParsedToken token, @Nullable TokenCheckFailure reason, Instant now) {
		return failed(token, reason, now);
	}

	private InvalidTokenException failed(ParsedToken token, @Nullable TokenCheckFailure reason, @Nullable Instant now) {
		List<TokenCheckFailure> failures = new ArrayList<>(token.headerFailures);
		if (reason != null) {
			failures.add(reason);
		}
		if (now != null) {
			ClaimRules.check(POLICIES.builtInRules(this.policy), token, now, failures);
		}
		if (failures.isEmpty()) {
			failures.add(new TokenCheckFailure(TokenCheck.KEY, "no key verified the token"));
		}
		return new InvalidTokenException(failures);
	}

}
