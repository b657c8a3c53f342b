package dev.identity.benchmarks.wrk;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.identity.core.BearerTokens;
import dev.identity.core.ValidatedToken;
import org.jspecify.annotations.Nullable;

/**
 * The token a control endpoint validated on its first request, and the answer both
 * samples give to {@code GET /api/me}.
 */
final class ControlToken {

	/** Where the control endpoint answers. */
	static final String PATH = "/bench/me-without-validation";

	private volatile @Nullable ValidatedToken token;

	@Nullable ValidatedToken get() {
		return this.token;
	}

	ValidatedToken set(ValidatedToken token) {
		this.token = token;
		return token;
	}

	static String bearer(@Nullable String authorization) {
		String token = BearerTokens.resolve(authorization);
		if (token == null) {
			throw new IllegalArgumentException("the control endpoint needs an Authorization: Bearer header");
		}
		return token;
	}

	/** The samples' answer to {@code GET /api/me}, built the same way. */
	static Map<String, Object> describe(ValidatedToken token) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sub", token.getSubject());
		body.put("iss", token.getIssuer());
		body.put("scopes", token.getScopes());
		body.put("claims", token.getClaims());
		return body;
	}

}
