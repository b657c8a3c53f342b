package dev.identity.security;

import dev.identity.core.IdentityProviderException;
import dev.identity.web.BearerTokenAccessException;
import dev.identity.web.BearerTokenAccessExceptionHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * The 503 answer to a provider failure that escaped Spring Security's filter chain:
 * Spring Security rethrows an {@code AuthenticationServiceException} from its
 * bearer-token filter, which would otherwise become a 500. Shared by both web stacks, so
 * they answer and log alike, and alike with the controller integration.
 */
final class ProviderFailures {

	private static final Log logger = LogFactory.getLog(ProviderFailures.class);

	private static final int MAX_DEPTH = 10;

	private final BearerTokenAccessExceptionHandler answers;

	ProviderFailures(BearerTokenAccessExceptionHandler answers) {
		this.answers = answers;
	}

	/**
	 * The provider failure behind an exception, when it came through Spring Security's
	 * authentication: an {@link AuthenticationServiceException} whose causes hold an
	 * {@link IdentityProviderException}. One that the application's own code let escape
	 * (a client-credentials or UserInfo call in a controller) is left to the
	 * application's error handling.
	 * @param failure what escaped the chain
	 * @return the provider's failure, or {@code null}
	 */
	static @Nullable IdentityProviderException cause(Throwable failure) {
		Throwable authentication = find(failure, AuthenticationServiceException.class);
		Throwable cause = (authentication != null) ? authentication.getCause() : null;
		return (cause != null) ? find(cause, IdentityProviderException.class) : null;
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

	/**
	 * The answer, logged at WARN: 503 {@code temporarily_unavailable}, no challenge, no
	 * detail of the provider for the client.
	 * @param request the request's method and path, for the log (never its query or
	 * headers, which may hold a token)
	 * @param failure the provider's failure
	 * @return the status, headers and body to send
	 */
	ResponseEntity<byte[]> answer(String request, IdentityProviderException failure) {
		// The provider's message names its endpoint and what failed, never a token or a
		// secret.
		logger.warn("Answered 503 to " + request + ": the identity provider failed while Spring Security "
				+ "authenticated the request: " + failure.getMessage());
		if (logger.isDebugEnabled()) {
			logger.debug("Provider failure behind the 503 to " + request, failure);
		}
		return this.answers.handle(BearerTokenAccessException.providerUnavailable(failure));
	}

}
