package dev.identity.core;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A request to the token endpoint (RFC 6749 §4, RFC 8693). Values only: the core turns
 * one into form parameters, the transports send it. No {@code toString()} shows a code,
 * token or password.
 */
public sealed interface TokenRequest {

	/** Grant type sent as {@code grant_type}. */
	String grantType();

	/**
	 * Whether sending the request twice is harmless, so a 5xx may be retried. A code, a
	 * rotating refresh token or a password is spent by the first attempt that reached the
	 * server.
	 * @return whether the request may be retried after a server error
	 */
	boolean idempotent();

	/**
	 * Client credentials (RFC 6749 §4.4): a token for this application itself. Two equal
	 * requests share one cached token.
	 *
	 * @param scopes requested scopes, may be empty
	 * @param resources {@code resource} indicators (RFC 8707)
	 * @param audiences {@code audience} values, for providers that take them (Auth0, RFC
	 * 8693 style)
	 * @param parameters any other form parameters
	 */
	record ClientCredentials(Set<String> scopes, List<String> resources, List<String> audiences,
			Map<String, String> parameters) implements TokenRequest {

		public ClientCredentials {
			scopes = Set.copyOf(new LinkedHashSet<>(scopes));
			resources = List.copyOf(resources);
			audiences = List.copyOf(audiences);
			parameters = Map.copyOf(new LinkedHashMap<>(parameters));
			Parameters.checkExtra(parameters);
		}

		/**
		 * A client-credentials request for the given scopes.
		 * @param scopes the scopes
		 * @return the request
		 */
		public static ClientCredentials ofScopes(String... scopes) {
			return new ClientCredentials(Set.of(scopes), List.of(), List.of(), Map.of());
		}

		/** The same request for a resource (RFC 8707). */
		public ClientCredentials withResource(String resource) {
			List<String> more = new ArrayList<>(this.resources);
			more.add(resource);
			return new ClientCredentials(this.scopes, more, this.audiences, this.parameters);
		}

		/** The same request for an audience. */
		public ClientCredentials withAudience(String audience) {
			List<String> more = new ArrayList<>(this.audiences);
			more.add(audience);
			return new ClientCredentials(this.scopes, this.resources, more, this.parameters);
		}

		/** The same request with an extra form parameter. */
		public ClientCredentials withParameter(String name, String value) {
			Map<String, String> more = new LinkedHashMap<>(this.parameters);
			more.put(name, value);
			return new ClientCredentials(this.scopes, this.resources, this.audiences, more);
		}

		@Override
		public String grantType() {
			return "client_credentials";
		}

		@Override
		public boolean idempotent() {
			return true;
		}

	}

	/**
	 * Refresh (RFC 6749 §6).
	 *
	 * @param refreshToken the refresh token
	 * @param scopes a narrower scope, or empty for the original one
	 */
	record RefreshToken(String refreshToken, Set<String> scopes) implements TokenRequest {

		public RefreshToken {
			Parameters.requireText(refreshToken, "refresh token");
			scopes = Set.copyOf(scopes);
		}

		public static RefreshToken of(String refreshToken) {
			return new RefreshToken(refreshToken, Set.of());
		}

		@Override
		public String grantType() {
			return "refresh_token";
		}

		@Override
		public boolean idempotent() {
			return false;
		}

		@Override
		public String toString() {
			return "RefreshToken[scopes=" + this.scopes + "]";
		}

	}

	/**
	 * Authorization code with PKCE (RFC 6749 §4.1.3, RFC 7636 §4.5).
	 *
	 * @param code the code from the callback
	 * @param redirectUri the redirect URI of the authorization request
	 * @param codeVerifier the PKCE verifier of the authorization request
	 */
	record AuthorizationCode(String code, URI redirectUri, String codeVerifier) implements TokenRequest {

		public AuthorizationCode {
			Parameters.requireText(code, "authorization code");
			Objects.requireNonNull(redirectUri, "redirectUri");
			Parameters.requireText(codeVerifier, "code verifier");
		}

		@Override
		public String grantType() {
			return "authorization_code";
		}

		@Override
		public boolean idempotent() {
			return false;
		}

		@Override
		public String toString() {
			return "AuthorizationCode[redirectUri=" + this.redirectUri + "]";
		}

	}

	/**
	 * Token exchange (RFC 8693 §2.1).
	 *
	 * @param subjectToken the token to exchange
	 * @param subjectTokenType its type URI, e.g. {@link #ACCESS_TOKEN_TYPE}
	 * @param actorToken an actor token, or {@code null}
	 * @param actorTokenType its type, or {@code null}
	 * @param requestedTokenType the type wanted, or {@code null}
	 * @param audiences target audiences
	 * @param resources target resources
	 * @param scopes requested scopes
	 */
	record TokenExchange(String subjectToken, String subjectTokenType, @Nullable String actorToken,
			@Nullable String actorTokenType, @Nullable String requestedTokenType, List<String> audiences,
			List<String> resources, Set<String> scopes) implements TokenRequest {

		/** {@code urn:ietf:params:oauth:token-type:access_token}. */
		public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

		/** {@code urn:ietf:params:oauth:token-type:id_token}. */
		public static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

		/** {@code urn:ietf:params:oauth:token-type:jwt}. */
		public static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";

		public TokenExchange {
			Parameters.requireText(subjectToken, "subject token");
			Parameters.requireText(subjectTokenType, "subject token type");
			if ((actorToken == null) != (actorTokenType == null)) {
				throw new IllegalArgumentException("actor token and actor token type go together (RFC 8693 §2.1)");
			}
			audiences = List.copyOf(audiences);
			resources = List.copyOf(resources);
			scopes = Set.copyOf(scopes);
		}

		/**
		 * Exchange an access token for one meant for another audience.
		 * @param accessToken the access token
		 * @param audience the target audience
		 * @return the request
		 */
		public static TokenExchange forAudience(String accessToken, String audience) {
			return new TokenExchange(accessToken, ACCESS_TOKEN_TYPE, null, null, null, List.of(audience), List.of(),
					Set.of());
		}

		@Override
		public String grantType() {
			return "urn:ietf:params:oauth:grant-type:token-exchange";
		}

		@Override
		public boolean idempotent() {
			return true;
		}

		@Override
		public String toString() {
			return "TokenExchange[subjectTokenType=" + this.subjectTokenType + ", audiences=" + this.audiences
					+ ", resources=" + this.resources + ", scopes=" + this.scopes + "]";
		}

	}

	/**
	 * Resource owner password credentials (RFC 6749 §4.3). Legacy and discouraged (OAuth
	 * 2.0 Security BCP §2.4): refused unless {@code identity.password-grant-enabled} is
	 * set.
	 *
	 * @param username the user name
	 * @param password the password
	 * @param scopes requested scopes
	 */
	record Password(String username, String password, Set<String> scopes) implements TokenRequest {

		public Password {
			Parameters.requireText(username, "username");
			Objects.requireNonNull(password, "password");
			scopes = Set.copyOf(scopes);
		}

		@Override
		public String grantType() {
			return "password";
		}

		@Override
		public boolean idempotent() {
			return false;
		}

		@Override
		public String toString() {
			return "Password[username=" + this.username + ", scopes=" + this.scopes + "]";
		}

	}

	/** Checks shared by the request types. */
	final class Parameters {

		/** Parameters the core sets itself; an extra parameter may not override them. */
		private static final Set<String> RESERVED = Set.of("grant_type", "client_id", "client_secret",
				"client_assertion", "client_assertion_type", "scope", "resource", "audience");

		private Parameters() {
		}

		static void requireText(@Nullable String value, String name) {
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException(name + " must not be blank");
			}
		}

		static void checkExtra(Map<String, String> parameters) {
			for (String name : parameters.keySet()) {
				if (RESERVED.contains(name)) {
					throw new IllegalArgumentException("parameter '" + name + "' is set by the client itself; "
							+ "use the request's own fields for it");
				}
			}
		}

	}

}
