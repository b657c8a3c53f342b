package dev.identity.core.internal.validation;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.identity.core.JwsAlgorithm;
import dev.identity.core.TokenCheckFailure;
import dev.identity.core.TokenContent;
import dev.identity.core.internal.HeapLayout;
import org.jspecify.annotations.Nullable;

/**
 * A token split, decoded and parsed but not yet verified. Its claims are not to be
 * trusted: only the core's built-in {@link ClaimRule}s read them, to report what is wrong
 * with the token.
 */
public final class ParsedToken implements TokenContent {

	final String tokenValue;

	final @Nullable JwsAlgorithm algorithm;

	final @Nullable String keyId;

	final @Nullable String type;

	final List<TokenCheckFailure> headerFailures;

	/**
	 * The token's characters as ASCII; the signing input is its first
	 * {@link #signingInputLength} bytes.
	 */
	final byte[] ascii;

	final int signingInputLength;

	final byte[] signature;

	final Map<String, Object> claims;

	/** The heap the claims take, as {@link HeapLayout} counts it. */
	private final long claimsFootprint;

	ParsedToken(String tokenValue, @Nullable JwsAlgorithm algorithm, @Nullable String keyId, @Nullable String type,
			List<TokenCheckFailure> headerFailures, byte[] ascii, int signingInputLength, byte[] signature,
			Map<String, Object> claims, long claimsFootprint) {
		this.tokenValue = tokenValue;
		this.algorithm = algorithm;
		this.keyId = keyId;
		this.type = type;
		this.headerFailures = headerFailures;
		this.ascii = ascii;
		this.signingInputLength = signingInputLength;
		this.signature = signature;
		this.claims = claims;
		this.claimsFootprint = claimsFootprint;
	}

	/** The {@code kid} header, or {@code null}. */
	public @Nullable String getKeyId() {
		return this.keyId;
	}

	/** The algorithm, or {@code null} when the header names none this client accepts. */
	public @Nullable JwsAlgorithm getAlgorithm() {
		return this.algorithm;
	}

	@Override
	public @Nullable String getType() {
		return this.type;
	}

	@Override
	public @Nullable Object getClaim(String name) {
		return this.claims.get(name);
	}

	@Override
	public boolean containsClaim(String name) {
		return this.claims.containsKey(name);
	}

	@Override
	public Map<String, Object> getClaims() {
		return Collections.unmodifiableMap(this.claims);
	}

	/**
	 * The heap the claims take once validated, their read-only wrapper included, as
	 * {@link HeapLayout} counts it: counted while they were read.
	 * @return the estimate, in bytes
	 */
	public long getClaimsFootprint() {
		return this.claimsFootprint;
	}

	/**
	 * Whether the header already failed a check, so fetching keys for it would be wasted.
	 * @return whether a header check failed
	 */
	public boolean hasHeaderFailures() {
		return !this.headerFailures.isEmpty();
	}

	@Override
	public String toString() {
		return "ParsedToken[alg=" + this.algorithm + ", kid=" + this.keyId + "]";
	}

}
