package dev.identity.login;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.identity.core.DiscoveryDocument;
import dev.identity.login.internal.QueryString;
import org.jspecify.annotations.Nullable;

/**
 * An RP-Initiated Logout request (OpenID Connect RP-Initiated Logout 1.0 §2): the URL
 * that sends the browser to the provider's {@code end_session_endpoint} to end the user's
 * session there too.
 * <p>
 * {@link #toString()} hides the {@code id_token_hint}.
 */
public final class LogoutRequest {

	private static final Set<String> RESERVED = Set.of("id_token_hint", "logout_hint", "client_id",
			"post_logout_redirect_uri", "state", "ui_locales");

	private final URI uri;

	private final URI endSessionEndpoint;

	private LogoutRequest(URI uri, URI endSessionEndpoint) {
		this.uri = uri;
		this.endSessionEndpoint = endSessionEndpoint;
	}

	/**
	 * Start a logout request to the provider described by a discovery document.
	 * @param discovery the provider's metadata
	 * @return a builder
	 * @throws EndSessionNotSupportedException when the document has no
	 * {@code end_session_endpoint} (RP-Initiated Logout §2.1)
	 */
	public static Builder withDiscovery(DiscoveryDocument discovery) {
		Objects.requireNonNull(discovery, "discovery");
		URI endpoint = discovery.getEndSessionEndpoint();
		if (endpoint == null) {
			throw new EndSessionNotSupportedException(discovery.getIssuer());
		}
		return new Builder(endpoint);
	}

	/**
	 * Start a logout request to an explicitly configured endpoint.
	 * @param endSessionEndpoint the provider's end-session endpoint
	 * @return a builder
	 */
	public static Builder withEndpoint(URI endSessionEndpoint) {
		return new Builder(endSessionEndpoint);
	}

	/**
	 * URL to redirect the browser to; it carries the {@code id_token_hint}, so never log
	 * it.
	 */
	public URI getUri() {
		return this.uri;
	}

	@Override
	public String toString() {
		return "LogoutRequest[endpoint=" + this.endSessionEndpoint + "]";
	}

	/**
	 * Builder for {@link LogoutRequest}; every argument is checked.
	 */
	public static final class Builder {

		private final URI endSessionEndpoint;

		private @Nullable String idTokenHint;

		private @Nullable String logoutHint;

		private @Nullable String clientId;

		private @Nullable URI postLogoutRedirectUri;

		private @Nullable String state;

		private @Nullable String uiLocales;

		private final Map<String, String> parameters = new LinkedHashMap<>();

		private Builder(URI endSessionEndpoint) {
			Objects.requireNonNull(endSessionEndpoint, "endSessionEndpoint");
			QueryString.on("end_session_endpoint", endSessionEndpoint);
			this.endSessionEndpoint = endSessionEndpoint;
		}

		/**
		 * {@code id_token_hint}: the ID token of the session to end, recommended by §2;
		 * an expired one is fine.
		 */
		public Builder idTokenHint(@Nullable String idToken) {
			this.idTokenHint = requireNotBlank(idToken, "id token hint");
			return this;
		}

		/** {@code logout_hint}: a hint about the user logging out, e.g. a login name. */
		public Builder logoutHint(@Nullable String logoutHint) {
			this.logoutHint = requireNotBlank(logoutHint, "logout hint");
			return this;
		}

		/**
		 * {@code client_id}: lets the provider check {@code post_logout_redirect_uri}
		 * without an ID token.
		 */
		public Builder clientId(@Nullable String clientId) {
			this.clientId = requireNotBlank(clientId, "client id");
			return this;
		}

		/**
		 * {@code post_logout_redirect_uri}: where the provider sends the browser
		 * afterwards; must be registered with it.
		 */
		public Builder postLogoutRedirectUri(@Nullable URI postLogoutRedirectUri) {
			if (postLogoutRedirectUri != null
					&& (!postLogoutRedirectUri.isAbsolute() || postLogoutRedirectUri.getRawFragment() != null)) {
				throw new IllegalArgumentException("post-logout redirect URI must be absolute and have no fragment");
			}
			this.postLogoutRedirectUri = postLogoutRedirectUri;
			return this;
		}

		/**
		 * {@code state}: returned with the redirect to {@code post_logout_redirect_uri}.
		 */
		public Builder state(@Nullable String state) {
			this.state = requireNotBlank(state, "state");
			return this;
		}

		/**
		 * {@code ui_locales}: preferred languages of the logout pages, space-separated
		 * BCP 47 tags.
		 */
		public Builder uiLocales(@Nullable String uiLocales) {
			this.uiLocales = requireNotBlank(uiLocales, "ui locales");
			return this;
		}

		/** Any other parameter the provider understands. */
		public Builder parameter(String name, String value) {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(value, "value");
			if (name.isBlank()) {
				throw new IllegalArgumentException("parameter name must not be blank");
			}
			if (RESERVED.contains(name)) {
				throw new IllegalArgumentException("parameter '" + name + "' has its own builder method");
			}
			this.parameters.put(name, value);
			return this;
		}

		/**
		 * Create the request.
		 * @return the request
		 * @throws IllegalStateException when a post-logout redirect URI is given without
		 * an ID token hint or a client id, so the provider could not tell which client
		 * registered it and must not redirect (RP-Initiated Logout §2, §3)
		 */
		public LogoutRequest build() {
			if (this.postLogoutRedirectUri != null && this.idTokenHint == null && this.clientId == null) {
				throw new IllegalStateException("a post-logout redirect URI needs an ID token hint or a client id, "
						+ "or the provider cannot check that it is registered (RP-Initiated Logout §2)");
			}
			QueryString query = QueryString.on("end_session_endpoint", this.endSessionEndpoint)
				.add("id_token_hint", this.idTokenHint)
				.add("logout_hint", this.logoutHint)
				.add("client_id", this.clientId)
				.add("post_logout_redirect_uri",
						(this.postLogoutRedirectUri != null) ? this.postLogoutRedirectUri.toString() : null)
				.add("state", this.state)
				.add("ui_locales", this.uiLocales);
			for (Map.Entry<String, String> parameter : this.parameters.entrySet()) {
				query.add(parameter.getKey(), parameter.getValue());
			}
			return new LogoutRequest(query.toUri(), this.endSessionEndpoint);
		}

		private static @Nullable String requireNotBlank(@Nullable String value, String name) {
			if (value != null && value.isBlank()) {
				throw new IllegalArgumentException(name + " must not be blank; pass null to leave it out");
			}
			return value;
		}

	}

}
