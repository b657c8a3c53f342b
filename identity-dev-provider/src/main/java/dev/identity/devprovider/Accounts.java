package dev.identity.devprovider;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

/**
 * The provider's clients and users, and the claims its tokens carry for them.
 * Browser-login clients accept redirect URIs added while the provider runs
 * ({@link DevelopmentProvider#allowApplication}), so the registered clients are rebuilt
 * on change.
 */
final class Accounts implements RegisteredClientRepository, UserDetailsService {

	private final List<DevelopmentProvider.Client> clients;

	private final Map<String, DevelopmentProvider.User> users;

	private final @Nullable String audience;

	private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();

	private final Set<String> postLogoutRedirectUris = ConcurrentHashMap.newKeySet();

	private volatile Map<String, RegisteredClient> registered;

	Accounts(List<DevelopmentProvider.Client> clients, List<DevelopmentProvider.User> users, @Nullable String audience,
			Collection<String> redirectUris, Collection<String> postLogoutRedirectUris) {
		this.clients = List.copyOf(clients);
		Map<String, DevelopmentProvider.User> byName = new ConcurrentHashMap<>();
		users.forEach((user) -> byName.put(user.username(), user));
		this.users = Map.copyOf(byName);
		this.audience = audience;
		this.redirectUris.addAll(redirectUris);
		this.postLogoutRedirectUris.addAll(postLogoutRedirectUris);
		this.registered = register();
	}

	List<DevelopmentProvider.Client> clients() {
		return this.clients;
	}

	List<DevelopmentProvider.User> users() {
		return List.copyOf(this.users.values());
	}

	synchronized void allow(String redirectUri, String postLogoutRedirectUri) {
		this.redirectUris.add(redirectUri);
		this.postLogoutRedirectUris.add(postLogoutRedirectUri);
		this.registered = register();
	}

	private Map<String, RegisteredClient> register() {
		Map<String, RegisteredClient> registered = new ConcurrentHashMap<>();
		for (DevelopmentProvider.Client client : this.clients) {
			RegisteredClient.Builder builder = RegisteredClient.withId(client.clientId())
				.clientId(client.clientId())
				.clientSecret(client.secret())
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scopes((scopes) -> scopes.addAll(client.scopes()))
				.clientSettings(
						ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build());
			if (client.browserLogin()) {
				builder.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
					.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
					.scope(OidcScopes.OPENID)
					.scope(OidcScopes.PROFILE)
					.scope(OidcScopes.EMAIL)
					.redirectUris((uris) -> uris.addAll(new LinkedHashSet<>(this.redirectUris)))
					.postLogoutRedirectUris((uris) -> uris.addAll(new LinkedHashSet<>(this.postLogoutRedirectUris)));
			}
			registered.put(client.clientId(), builder.build());
		}
		return registered;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new UnsupportedOperationException("the development provider's clients are fixed at start");
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		return this.registered.get(id);
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		return this.registered.get(clientId);
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		DevelopmentProvider.User user = this.users.get(username);
		if (user == null) {
			throw new UsernameNotFoundException("no such user");
		}
		return User.withUsername(user.username()).password(user.password()).roles("USER").build();
	}

	/**
	 * Add the claims of the client or user a token is issued for, and the configured
	 * audience.
	 */
	void customize(JwtEncodingContext context) {
		String tokenType = context.getTokenType().getValue();
		if (OAuth2TokenType.ACCESS_TOKEN.getValue().equals(tokenType)) {
			if (this.audience != null) {
				context.getClaims().audience(List.of(this.audience));
			}
			Map<String, Object> claims;
			if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
				claims = this.clients.stream()
					.filter((client) -> client.clientId().equals(context.getRegisteredClient().getClientId()))
					.findFirst()
					.map(DevelopmentProvider.Client::accessTokenClaims)
					.orElse(Map.of());
			}
			else {
				DevelopmentProvider.User user = user(context);
				claims = (user != null) ? user.accessTokenClaims() : Map.of();
			}
			claims.forEach(context.getClaims()::claim);
		}
		else if (OidcParameterNames.ID_TOKEN.equals(tokenType)) {
			DevelopmentProvider.User user = user(context);
			if (user != null) {
				user.idTokenClaims().forEach(context.getClaims()::claim);
			}
		}
	}

	/** The demo user a token is issued to, if it is issued to a user at all. */
	private DevelopmentProvider.@Nullable User user(JwtEncodingContext context) {
		Authentication principal = context.getPrincipal();
		return (principal != null) ? this.users.get(principal.getName()) : null;
	}

}
