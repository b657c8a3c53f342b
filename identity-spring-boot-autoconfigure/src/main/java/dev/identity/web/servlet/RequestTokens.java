package dev.identity.web.servlet;

import dev.identity.client.OAuthClient;
import dev.identity.core.ValidatedToken;
import dev.identity.web.BearerTokenAccessException;
import dev.identity.web.internal.ValidatedTokenRequests;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * The validated bearer token of a request, validated on first need and kept as a request
 * attribute for every later one, also across async dispatches of the same request.
 */
final class RequestTokens {

	private final OAuthClient client;

	RequestTokens(OAuthClient client) {
		this.client = client;
	}

	/**
	 * The request's validated token.
	 * @param request the request
	 * @return the token, or {@code null} when the request carries none
	 * @throws BearerTokenAccessException when the token is invalid (401) or the provider
	 * failed (503)
	 */
	@Nullable ValidatedToken find(WebRequest request) {
		Object kept = request.getAttribute(ValidatedTokenRequests.VALIDATED_TOKEN_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST);
		if (kept instanceof ValidatedToken validated) {
			return validated;
		}
		String token = ValidatedTokenRequests.bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (token == null) {
			return null;
		}
		ValidatedToken validated;
		try {
			validated = this.client.validate(token);
		}
		catch (RuntimeException ex) {
			throw BearerTokenAccessException.translate(ex);
		}
		request.setAttribute(ValidatedTokenRequests.VALIDATED_TOKEN_ATTRIBUTE, validated,
				RequestAttributes.SCOPE_REQUEST);
		return validated;
	}

}
