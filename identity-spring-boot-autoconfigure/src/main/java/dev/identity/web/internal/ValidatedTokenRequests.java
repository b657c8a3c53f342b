package dev.identity.web.internal;

import dev.identity.core.BearerTokens;
import dev.identity.core.InvalidTokenException;
import dev.identity.web.BearerTokenAccessException;
import org.jspecify.annotations.Nullable;

/**
 * How a request's bearer token is read and where its validated form is kept, alike for
 * both web stacks.
 */
public final class ValidatedTokenRequests {

	/**
	 * Request (Spring MVC) or exchange (WebFlux) attribute that holds the request's
	 * {@link dev.identity.core.ValidatedToken} once it was validated, so that it is
	 * validated once however many parameters and requirements need it.
	 */
	public static final String VALIDATED_TOKEN_ATTRIBUTE = ValidatedTokenRequests.class.getName() + ".validatedToken";

	private ValidatedTokenRequests() {
	}

	/**
	 * The bearer token of an {@code Authorization} header (RFC 6750 §2.1).
	 * @param authorization the header value, or {@code null}
	 * @return the token, or {@code null} when there is no header or it uses another
	 * scheme
	 * @throws BearerTokenAccessException (401) when it is a Bearer header without a
	 * well-formed token
	 */
	public static @Nullable String bearerToken(@Nullable String authorization) {
		try {
			return BearerTokens.resolve(authorization);
		}
		catch (InvalidTokenException ex) {
			throw BearerTokenAccessException.invalidToken(ex);
		}
	}

}
