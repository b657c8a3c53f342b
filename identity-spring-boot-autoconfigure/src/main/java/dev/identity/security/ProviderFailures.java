package dev.identity.security;

import dev.identity.core.IdentityProviderException;
import dev.identity.web.BearerTokenAccessException;
import dev.identity.web.BearerTokenAccessExceptionHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;

/**
 * The 503 answer to a provider failure that escaped Spring Security's filter chain: Spring Security
 * rethrows an {@code AuthenticationServiceException} from its bearer-token filter, which would
 * otherwise become a 500. Shared by both web stacks, so they answer alike, and alike with the
 * controller integration.
 */
final class ProviderFailures {

	private final BearerTokenAccessExceptionHandler answers;

	ProviderFailures(BearerTokenAccessExceptionHandler answers) {
		this.answers = answers;
	}

	/**
	 * The provider failure behind an exception.
	 * @param failure what escaped the chain
	 * @return the {@link IdentityProviderException} among its causes, or {@code null}
	 */
	static @Nullable IdentityProviderException cause(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 10; depth++) {
			if (current instanceof IdentityProviderException provider) {
				return provider;
			}
			current = current.getCause();
		}
		return null;
	}

	/**
	 * The answer: 503 {@code temporarily_unavailable}, no challenge, no detail of the provider.
	 * @param failure the provider's failure
	 * @return the status, headers and body to send
	 */
	ResponseEntity<byte[]> answer(IdentityProviderException failure) {
		return this.answers.handle(BearerTokenAccessException.providerUnavailable(failure));
	}

}
