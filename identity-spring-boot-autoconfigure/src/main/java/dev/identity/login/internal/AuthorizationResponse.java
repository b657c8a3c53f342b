package dev.identity.login.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

import dev.identity.core.TokenRequest;
import dev.identity.core.internal.LogSafeText;
import dev.identity.login.AuthorizationErrorException;
import dev.identity.login.CallbackCheck;
import dev.identity.login.InvalidCallbackException;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of an authorization callback (RFC 6749 §4.1.2 and §4.1.2.1, OpenID
 * Connect Core §3.1.2.5 and §3.1.2.6, RFC 9207 §2), and the checks that turn it into the
 * token request of the pending login. Empty values count as absent (RFC 6749 §3.1).
 * <p>
 * {@link #toString()} shows neither the code nor {@code state}.
 *
 * @param code the {@code code} parameter, or {@code null}
 * @param state the {@code state} parameter, or {@code null}
 * @param issuer the {@code iss} parameter (RFC 9207), or {@code null}
 * @param error the {@code error} parameter, or {@code null}
 * @param errorDescription the {@code error_description} parameter, or {@code null}
 * @param errorUri the {@code error_uri} parameter, or {@code null}
 */
public record AuthorizationResponse(@Nullable String code, @Nullable String state, @Nullable String issuer,
		@Nullable String error, @Nullable String errorDescription, @Nullable String errorUri) {

	public AuthorizationResponse {
		code = emptyToNull(code);
		state = emptyToNull(state);
		issuer = emptyToNull(issuer);
		error = emptyToNull(error);
		errorDescription = emptyToNull(errorDescription);
		errorUri = emptyToNull(errorUri);
	}

	/**
	 * Read the callback's query parameters, as a web framework hands them over (Spring's
	 * {@code MultiValueMap} is such a map).
	 * @param parameters every query parameter with its values
	 * @return the response
	 * @throws InvalidCallbackException ({@link CallbackCheck#FORMAT}) when one of the
	 * parameters read here appears more than once (RFC 6749 §3.1)
	 */
	public static AuthorizationResponse fromParameters(Map<String, ? extends Collection<String>> parameters) {
		Objects.requireNonNull(parameters, "parameters");
		return new AuthorizationResponse(single(parameters, "code"), single(parameters, "state"),
				single(parameters, "iss"), single(parameters, "error"), single(parameters, "error_description"),
				single(parameters, "error_uri"));
	}

	/**
	 * Check the callback against the pending login and build the token request that
	 * redeems the code (RFC 6749 §4.1.3 with the PKCE verifier of RFC 7636 §4.5). The
	 * checks run in this order:
	 * <ol>
	 * <li>{@code state} equals the pending login's, in constant time (RFC 6749 §10.12):
	 * nothing else of a callback is believed before it is known to answer this browser's
	 * request;</li>
	 * <li>{@code iss}, when present or announced by the provider, equals the issuer the
	 * request went to (RFC 9207 §2.4), which defeats mix-up attacks;</li>
	 * <li>an {@code error} becomes an {@link AuthorizationErrorException};</li>
	 * <li>the pending login is not older than {@code maxPendingAge};</li>
	 * <li>a {@code code} is present.</li>
	 * </ol>
	 * The pending login is spent whatever the outcome: remove it from the session before
	 * calling this.
	 * @param pending the login this callback should complete
	 * @param maxPendingAge how long a login may take, e.g. 10 minutes
	 * @param now the current time
	 * @return the authorization-code token request
	 * @throws InvalidCallbackException when a check fails
	 * @throws AuthorizationErrorException when the provider answered with an error
	 */
	public TokenRequest.AuthorizationCode toTokenRequest(PendingLogin pending, Duration maxPendingAge, Instant now) {
		Objects.requireNonNull(pending, "pending");
		Objects.requireNonNull(maxPendingAge, "maxPendingAge");
		Objects.requireNonNull(now, "now");
		if (this.state == null) {
			throw new InvalidCallbackException(CallbackCheck.STATE, "callback has no 'state'");
		}
		if (!pending.matchesState(this.state)) {
			throw new InvalidCallbackException(CallbackCheck.STATE, "callback 'state' is not the pending login's: "
					+ "a forged or replayed callback, or the answer to a login started in another session");
		}
		checkIssuer(pending);
		if (this.error != null) {
			throw new AuthorizationErrorException(this.error, this.errorDescription, this.errorUri);
		}
		if (pending.isOlderThan(maxPendingAge, now)) {
			throw new InvalidCallbackException(CallbackCheck.EXPIRED, "the login started at " + pending.createdAt()
					+ ", more than " + maxPendingAge + " before the callback at " + now + "; start the login again");
		}
		if (this.code == null) {
			throw new InvalidCallbackException(CallbackCheck.CODE, "callback has neither 'code' nor 'error'");
		}
		return new TokenRequest.AuthorizationCode(this.code, pending.redirectUri(), pending.codeVerifier());
	}

	private void checkIssuer(PendingLogin pending) {
		if (this.issuer == null) {
			if (pending.issuerParameterRequired()) {
				throw new InvalidCallbackException(CallbackCheck.ISSUER,
						"callback has no 'iss' though " + pending.issuer()
								+ " announces authorization_response_iss_parameter_supported (RFC 9207 §2.4)");
			}
			return;
		}
		// RFC 9207 §2.4: simple string comparison (RFC 3986 §6.2.1), no normalization.
		if (!this.issuer.equals(pending.issuer())) {
			throw new InvalidCallbackException(CallbackCheck.ISSUER,
					"callback 'iss' '" + LogSafeText.of(this.issuer, 200) + "' is not '" + pending.issuer()
							+ "', the issuer the login was sent to (RFC 9207 §2.4): "
							+ "a mix-up attack or a provider answering for another issuer");
		}
	}

	private static @Nullable String single(Map<String, ? extends Collection<String>> parameters, String name) {
		Collection<String> values = parameters.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new InvalidCallbackException(CallbackCheck.FORMAT,
					"callback carries '" + name + "' " + values.size() + " times (RFC 6749 §3.1)");
		}
		return values.iterator().next();
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	@Override
	public String toString() {
		return "AuthorizationResponse[code=" + ((this.code != null) ? "present" : "absent") + ", iss="
				+ ((this.issuer != null) ? LogSafeText.of(this.issuer, 200) : null) + ", error="
				+ ((this.error != null) ? LogSafeText.of(this.error, AuthorizationErrorException.ERROR_LIMIT) : null)
				+ "]";
	}

}
