package dev.identity.login.internal;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.identity.core.DiscoveryDocument;
import org.jspecify.annotations.Nullable;

/**
 * An OpenID Connect authentication request for the authorization-code flow with PKCE
 * (OpenID Connect Core §3.1.2.1, RFC 7636 §4.3): the URL to send the browser to and the
 * {@link PendingLogin} to keep until the callback.
 * <p>
 * Every request carries fresh {@code state} and {@code nonce} values and an {@code S256}
 * code challenge, as RFC 9700 §2.1.1 recommends. Build one with
 * {@link #withDiscovery(DiscoveryDocument)}: <pre class="code">
 * AuthorizationRequest request = AuthorizationRequest.withDiscovery(discovery)
 *     .clientId("web-app")
 *     .redirectUri(URI.create("https://app.example.com/login/callback"))
 *     .scopes(List.of("profile", "email"))
 *     .parameter("prompt", "create")
 *     .build(random, now);
 * </pre>
 */
public final class AuthorizationRequest {

	/**
	 * Parameters this class sets itself. {@code max_age} is among them because the ID
	 * token's {@code auth_time} must then be checked, which only
	 * {@link Builder#maxAge(Duration)} records.
	 */
	private static final Set<String> RESERVED = Set.of("response_type", "client_id", "redirect_uri", "scope", "state",
			"nonce", "code_challenge", "code_challenge_method", "max_age");

	private final URI uri;

	private final PendingLogin pendingLogin;

	private final URI authorizationEndpoint;

	private final Set<String> scopes;

	private AuthorizationRequest(URI uri, PendingLogin pendingLogin, URI authorizationEndpoint, Set<String> scopes) {
		this.uri = uri;
		this.pendingLogin = pendingLogin;
		this.authorizationEndpoint = authorizationEndpoint;
		this.scopes = scopes;
	}

	/**
	 * Start a request to the provider described by a discovery document.
	 * @param discovery the provider's metadata; its {@code authorization_endpoint}
	 * receives the request and its {@code authorization_response_iss_parameter_supported}
	 * decides whether the callback must carry {@code iss} (RFC 9207 §3)
	 * @return a builder
	 * @throws IllegalArgumentException when the document has no
	 * {@code authorization_endpoint}
	 */
	public static Builder withDiscovery(DiscoveryDocument discovery) {
		Objects.requireNonNull(discovery, "discovery");
		URI endpoint = discovery.getAuthorizationEndpoint();
		if (endpoint == null) {
			throw new IllegalArgumentException("discovery document of " + discovery.getIssuer()
					+ " has no authorization_endpoint (required by OpenID Connect Discovery §3)");
		}
		Builder builder = new Builder(discovery.getIssuer(), endpoint);
		builder.issuerParameterRequired = Boolean.TRUE
			.equals(discovery.getMetadata().get("authorization_response_iss_parameter_supported"));
		return builder;
	}

	/**
	 * Start a request to an explicitly configured provider.
	 * @param issuer the provider's issuer identifier
	 * @param authorizationEndpoint its authorization endpoint
	 * @return a builder
	 */
	public static Builder withEndpoint(String issuer, URI authorizationEndpoint) {
		return new Builder(issuer, authorizationEndpoint);
	}

	/**
	 * URL to redirect the browser to; it carries {@code state} and the code challenge,
	 * never the verifier.
	 */
	public URI getUri() {
		return this.uri;
	}

	/** What to keep server-side until the callback. */
	public PendingLogin getPendingLogin() {
		return this.pendingLogin;
	}

	/** Requested scopes, {@code openid} first. */
	public Set<String> getScopes() {
		return this.scopes;
	}

	@Override
	public String toString() {
		return "AuthorizationRequest[endpoint=" + this.authorizationEndpoint + ", scopes=" + this.scopes + ", "
				+ this.pendingLogin + "]";
	}

	/**
	 * Builder for {@link AuthorizationRequest}; every argument is checked.
	 */
	public static final class Builder {

		private final String issuer;

		private final URI authorizationEndpoint;

		private boolean issuerParameterRequired;

		private @Nullable String clientId;

		private @Nullable URI redirectUri;

		private final Set<String> scopes = new LinkedHashSet<>();

		private final Map<String, String> parameters = new LinkedHashMap<>();

		private @Nullable Duration maxAge;

		private @Nullable String returnTo;

		private Builder(String issuer, URI authorizationEndpoint) {
			Objects.requireNonNull(issuer, "issuer");
			Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
			if (issuer.isBlank()) {
				throw new IllegalArgumentException("issuer must not be blank");
			}
			// Fail now rather than on every login: a fragment or relative endpoint cannot
			// take a query.
			QueryString.on("authorization_endpoint", authorizationEndpoint);
			this.issuer = issuer;
			this.authorizationEndpoint = authorizationEndpoint;
		}

		/** {@code client_id} of this application. */
		public Builder clientId(String clientId) {
			Objects.requireNonNull(clientId, "clientId");
			if (clientId.isBlank()) {
				throw new IllegalArgumentException("client id must not be blank");
			}
			this.clientId = clientId;
			return this;
		}

		/**
		 * {@code redirect_uri}: absolute, without fragment, registered with the provider.
		 */
		public Builder redirectUri(URI redirectUri) {
			PendingLogin.requireRedirectUri(redirectUri);
			this.redirectUri = redirectUri;
			return this;
		}

		/**
		 * Scopes to request besides {@code openid}, which is always sent first (OpenID
		 * Connect Core §3.1.2.1).
		 * @param scopes scope tokens (RFC 6749 §3.3), e.g. {@code profile}, {@code email}
		 * @return this builder
		 */
		public Builder scopes(Collection<String> scopes) {
			Objects.requireNonNull(scopes, "scopes");
			for (String scope : scopes) {
				requireScopeToken(scope);
			}
			this.scopes.clear();
			this.scopes.addAll(scopes);
			return this;
		}

		/**
		 * Whether the callback must carry {@code iss} (RFC 9207 §2.4); taken from the
		 * discovery document by {@link #withDiscovery(DiscoveryDocument)}.
		 */
		public Builder issuerParameterRequired(boolean issuerParameterRequired) {
			this.issuerParameterRequired = issuerParameterRequired;
			return this;
		}

		/**
		 * Add a parameter such as {@code prompt} ({@code create} to register,
		 * {@code login}, {@code consent}), {@code login_hint}, {@code ui_locales},
		 * {@code acr_values} or a provider's own, e.g. {@code audience} (OpenID Connect
		 * Core §3.1.2.1, Initiating User Registration 1.0 §3).
		 * @param name the parameter name; not one this request sets itself
		 * @param value the value, sent percent-encoded
		 * @return this builder
		 */
		public Builder parameter(String name, String value) {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(value, "value");
			if (name.isBlank()) {
				throw new IllegalArgumentException("parameter name must not be blank");
			}
			if (RESERVED.contains(name)) {
				throw new IllegalArgumentException("parameter '" + name + "' is set by the authorization request itself"
						+ (name.equals("max_age") ? "; use maxAge(Duration) so that auth_time is checked"
								: name.equals("scope") ? "; use scopes(...)" : ""));
			}
			this.parameters.put(name, value);
			return this;
		}

		/**
		 * Ask for an authentication no older than this; the ID token's {@code auth_time}
		 * is then required and checked (OpenID Connect Core §3.1.2.1, §3.1.3.7 step 13).
		 * @param maxAge the age, whole seconds; zero forces a fresh sign-in
		 * @return this builder
		 */
		public Builder maxAge(@Nullable Duration maxAge) {
			if (maxAge != null && maxAge.isNegative()) {
				throw new IllegalArgumentException("max_age must not be negative");
			}
			// Whole seconds are sent, so whole seconds are checked.
			this.maxAge = (maxAge != null) ? Duration.ofSeconds(maxAge.toSeconds()) : null;
			return this;
		}

		/**
		 * Local path to show once the login completes.
		 * @param returnTo a path starting with a single {@code /}, or {@code null}
		 * @return this builder
		 * @throws IllegalArgumentException when it could lead off this site (RFC 9700
		 * §4.11) or is longer than {@value PendingLogin#MAX_RETURN_TO_LENGTH} characters
		 */
		public Builder returnTo(@Nullable String returnTo) {
			PendingLogin.requireLocalPath(returnTo);
			this.returnTo = returnTo;
			return this;
		}

		/**
		 * Create the request with fresh {@code state}, {@code nonce} and code verifier.
		 * @param random the source of the unguessable values
		 * @param now the current time, recorded to expire the pending login
		 * @return the request
		 * @throws IllegalStateException when the client id or redirect URI is missing
		 */
		public AuthorizationRequest build(SecureRandom random, Instant now) {
			Objects.requireNonNull(random, "random");
			Objects.requireNonNull(now, "now");
			if (this.clientId == null) {
				throw new IllegalStateException("an authorization request needs a client id");
			}
			if (this.redirectUri == null) {
				throw new IllegalStateException("an authorization request needs a redirect URI");
			}
			Set<String> scopes = new LinkedHashSet<>();
			scopes.add("openid");
			scopes.addAll(this.scopes);
			String state = RandomTokens.next(random);
			String nonce = RandomTokens.next(random);
			String verifier = Pkce.newVerifier(random);
			PendingLogin pending = new PendingLogin(this.issuer, this.issuerParameterRequired, this.redirectUri, state,
					nonce, verifier, this.maxAge, this.returnTo, now);
			QueryString query = QueryString.on("authorization_endpoint", this.authorizationEndpoint)
				.add("response_type", "code")
				.add("client_id", this.clientId)
				.add("redirect_uri", this.redirectUri.toString())
				.add("scope", String.join(" ", scopes))
				.add("state", state)
				.add("nonce", nonce)
				.add("code_challenge", Pkce.challenge(verifier))
				.add("code_challenge_method", Pkce.METHOD)
				.add("max_age", (this.maxAge != null) ? Long.toString(this.maxAge.toSeconds()) : null);
			for (Map.Entry<String, String> parameter : this.parameters.entrySet()) {
				query.add(parameter.getKey(), parameter.getValue());
			}
			return new AuthorizationRequest(query.toUri(), pending, this.authorizationEndpoint,
					Collections.unmodifiableSet(scopes));
		}

		/** {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )} (RFC 6749 §3.3). */
		private static void requireScopeToken(@Nullable String scope) {
			if (scope == null || scope.isEmpty()) {
				throw new IllegalArgumentException("scopes must not be empty");
			}
			for (int i = 0; i < scope.length(); i++) {
				char c = scope.charAt(i);
				if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
					throw new IllegalArgumentException("scope '" + scope.strip()
							+ "' is not a scope token (RFC 6749 §3.3: no spaces, quotes, backslashes or non-ASCII)");
				}
			}
		}

	}

}
