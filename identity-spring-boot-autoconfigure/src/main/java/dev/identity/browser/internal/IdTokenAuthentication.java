package dev.identity.browser.internal;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.identity.core.IdentityException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.KeySet;
import dev.identity.core.TokenCheck;
import dev.identity.core.TokenResponse;
import dev.identity.core.ValidatedToken;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.login.AuthenticatedUser;
import dev.identity.login.internal.IdTokenValidator;
import dev.identity.login.internal.PendingLogin;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The login step after the code exchange: the ID token validated (OpenID Connect Core
 * §3.1.3.7) and the {@link AuthenticatedUser} made. When the token is signed with a key
 * the engine's keys lack, the keys are refreshed once and the token validated again: one
 * sequence, which the servlet and the reactive endpoints both call. Thread-safe.
 */
public final class IdTokenAuthentication {

	// The category the login has always logged under, so that logging configurations
	// keep working.
	private static final Log logger = LogFactory.getLog(BrowserLoginFlow.class);

	private final IdTokenValidator validator;

	private final boolean keysRefreshable;

	private final Clock clock;

	IdTokenAuthentication(IdTokenValidator validator, boolean keysRefreshable, Clock clock) {
		this.validator = validator;
		this.keysRefreshable = keysRefreshable;
		this.clock = clock;
	}

	/**
	 * Validate the ID token of the token response (OpenID Connect Core §3.1.3.7) and make
	 * the user; when the token is signed with a key the engine's keys lack, have the
	 * engine refresh them once and validate again. Both web stacks run this one sequence.
	 * @param tokens the token endpoint's response
	 * @param login the login it completes
	 * @param keys how the endpoint reaches the provider's keys
	 * @return the user, or an {@link InvalidTokenException} when the ID token is missing
	 * or invalid, or the failure of a call to the provider
	 */
	public CompletableFuture<AuthenticatedUser> authenticate(TokenResponse tokens, PendingLogin login,
			ProviderKeys keys) {
		return keys.keys().thenCompose((current) -> {
			AuthenticatedUser user = authenticate(tokens, login, current, false);
			if (user != null) {
				return CompletableFuture.completedFuture(user);
			}
			return refreshedKeys(keys, tokens.getIdToken())
				.thenApply((refreshed) -> Objects.requireNonNull(authenticate(tokens, login, refreshed, true)));
		});
	}

	/**
	 * Refresh the engine's keys for a token signed with a key they lack. The engine's
	 * validation owns the unknown-kid refresh (coalesced, and rate-limited so forged key
	 * ids cannot flood the provider); its verdict on the ID token is not the one that
	 * counts, the {@code IdTokenValidator}'s is.
	 */
	private static CompletableFuture<KeySet> refreshedKeys(ProviderKeys keys, @Nullable String idToken) {
		logger.debug("ID token signed with a key the cached JWK set lacks; refreshing the keys once");
		return keys.validate(idToken).handle((validated, failure) -> {
			if (failure != null && !(IdentityEngine.unwrap(failure) instanceof IdentityException)) {
				throw (failure instanceof RuntimeException unchecked) ? unchecked : new IllegalStateException(failure);
			}
			// An IdentityException is expected when the engine's own policy differs from
			// an ID token's; the keys are what matter.
			return null;
		}).thenCompose((ignored) -> keys.keys());
	}

	/**
	 * Validate the ID token of the token response (OpenID Connect Core §3.1.3.7) and make
	 * the user, with the given keys: one attempt of
	 * {@link #authenticate(TokenResponse, PendingLogin, ProviderKeys)}.
	 * @param tokens the token endpoint's response
	 * @param login the login it completes
	 * @param keys the provider's keys as the engine has them
	 * @param keysRefreshed whether {@code keys} were refreshed for this token already
	 * @return the user, or {@code null} when no key fits the token and the keys were not
	 * refreshed yet: refresh them once through the client and call again with
	 * {@code keysRefreshed} set
	 * @throws InvalidTokenException when the ID token is missing or invalid
	 */
	public @Nullable AuthenticatedUser authenticate(TokenResponse tokens, PendingLogin login, KeySet keys,
			boolean keysRefreshed) {
		String idToken = tokens.getIdToken();
		if (idToken == null) {
			throw InvalidTokenException.of(TokenCheck.FORMAT, "the token response has no id_token though the "
					+ "openid scope was requested (OpenID Connect Core §3.1.3.3)");
		}
		ValidatedToken validated;
		try {
			validated = this.validator.validate(idToken, keys, login, tokens.getAccessToken(), this.clock.instant());
		}
		catch (InvalidTokenException ex) {
			if (!keysRefreshed && this.keysRefreshable && ex.hasFailed(TokenCheck.KEY)) {
				return null;
			}
			throw ex;
		}
		return AuthenticatedUser.of(validated, tokens);
	}

	/**
	 * How an endpoint reaches the provider's signing keys through the identity client,
	 * blocking or reactive: each call answers with a future, completed already when the
	 * endpoint blocks.
	 */
	public interface ProviderKeys {

		/**
		 * The keys as the engine has them, fetched when it has none.
		 * @return the keys
		 */
		CompletableFuture<KeySet> keys();

		/**
		 * Have the engine validate a token, which refreshes its keys when the token is
		 * signed with a key they lack. Only the refresh matters, not the verdict.
		 * @param token the token
		 * @return the engine's verdict
		 */
		CompletableFuture<?> validate(@Nullable String token);

	}

}
