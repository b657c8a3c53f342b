package dev.identity.devprovider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

/**
 * An OpenID provider for development and tests: Spring Authorization Server on
 * {@code 127.0.0.1}, in the application's JVM, with in-memory clients and users and RS256
 * keys generated at start. Nothing it holds survives a restart, and it is not meant to
 * serve anything but the local machine.
 * <p>
 * Applications get one through {@code identity.dev-provider.enabled}, which starts
 * {@link #demo(int) the demo provider} when no {@code identity.issuer-uri} is configured.
 * Tests build their own: <pre class="code">
 * try (DevelopmentProvider provider = DevelopmentProvider.builder()
 *         .client(new DevelopmentProvider.Client("orders", "orders-secret", Set.of("read"), Map.of()))
 *         .start()) {
 *     // point the application at provider.issuer()
 * }
 * </pre> It runs as an application context of its own, so nothing of the application (its
 * beans, its {@code application.yml}, Spring Security's configuration) reaches it, and it
 * shares only the logging system, which it leaves as the application configured it.
 */
public final class DevelopmentProvider implements AutoCloseable {

	/** The path of the token endpoint. */
	public static final String TOKEN_PATH = "/oauth2/token";

	/** The path of the JWK set. */
	public static final String JWKS_PATH = "/oauth2/jwks";

	/** The path of the OpenID discovery document. */
	public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

	/**
	 * Set in the provider's own environment: the application listener stays out of it.
	 */
	static final String MARKER = "dev.identity.devprovider.context";

	static final String ISSUER = "dev.identity.devprovider.issuer";

	private static final int RANDOM_PORT_ATTEMPTS = 5;

	private static final AtomicInteger instances = new AtomicInteger();

	private final ConfigurableApplicationContext context;

	private final String issuer;

	private final SigningKeys keys;

	private final Accounts accounts;

	private DevelopmentProvider(ConfigurableApplicationContext context, String issuer, SigningKeys keys,
			Accounts accounts) {
		this.context = context;
		this.issuer = issuer;
		this.keys = keys;
		this.accounts = accounts;
	}

	/**
	 * A builder for a provider with no clients and no users yet.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The demo provider that {@code identity.dev-provider.enabled} starts: the clients
	 * and users of {@link DemoAccounts}, access tokens for the audience
	 * {@link DemoAccounts#AUDIENCE}.
	 * @param port the port on 127.0.0.1, or 0 for a free one
	 * @return a builder ready to {@link Builder#start() start}
	 */
	public static Builder demo(int port) {
		// Loopback redirect URIs match on any port: an application on 127.0.0.1 with the
		// default callback
		// path can log in before its port is known.
		Builder builder = builder().port(port)
			.audience(DemoAccounts.AUDIENCE)
			.redirectUri("http://127.0.0.1/login/callback")
			.postLogoutRedirectUri("http://127.0.0.1/");
		DemoAccounts.CLIENTS.forEach(builder::client);
		DemoAccounts.USERS.forEach(builder::user);
		return builder;
	}

	/**
	 * The issuer, {@code http://127.0.0.1:<port>}, exactly as in the discovery document
	 * and the tokens' {@code iss}.
	 */
	public String issuer() {
		return this.issuer;
	}

	/** The registered clients. */
	public List<Client> clients() {
		return this.accounts.clients();
	}

	/** The users who can sign in. */
	public List<User> users() {
		return this.accounts.users();
	}

	/**
	 * Let the browser-login clients come back to an application: its callback path as a
	 * redirect URI and its root as a post-logout redirect URI. Loopback redirect URIs
	 * match on any port already; post-logout redirect URIs are compared exactly, so the
	 * application's port must be known.
	 * @param applicationUrl the application's base URL, e.g.
	 * {@code http://127.0.0.1:8080}
	 * @param callbackPath the application's login callback path, e.g.
	 * {@code /login/callback}
	 */
	public void allowApplication(URI applicationUrl, String callbackPath) {
		String base = applicationUrl.toString().replaceAll("/+$", "");
		this.accounts.allow(base + callbackPath, base + "/");
	}

	/** The {@code kid} of the key that signs new tokens. */
	public String currentKeyId() {
		return this.keys.activeKeyId();
	}

	/**
	 * Generate an RSA-2048 key, publish it and sign new tokens with it. Keys published
	 * before stay published.
	 * @return the new key's {@code kid}
	 */
	public String rotateKey() {
		return this.keys.rotate();
	}

	/**
	 * Withdraw a key from the JWK set. Tokens it signed stop validating once a client
	 * refetches the set.
	 * @param kid the key's id
	 * @throws IllegalArgumentException when no published key has this id
	 * @throws IllegalStateException when it is the key that signs new tokens (rotate
	 * first)
	 */
	public void removeKey(String kid) {
		this.keys.remove(kid);
	}

	/** Stop the server. */
	@Override
	public void close() {
		this.context.close();
	}

	@Override
	public String toString() {
		return "DevelopmentProvider[" + this.issuer + "]";
	}

	/**
	 * A registered client. Client-credentials tokens carry {@code accessTokenClaims}; a
	 * client with {@code browserLogin} may also use the authorization-code flow (PKCE
	 * required, no consent screen) and refresh tokens.
	 *
	 * @param clientId the client id
	 * @param secret the client secret (client_secret_basic or client_secret_post)
	 * @param scopes the scopes it may request
	 * @param accessTokenClaims claims added to its client-credentials access tokens
	 * @param browserLogin whether it may log users in
	 */
	public record Client(String clientId, String secret, Set<String> scopes, Map<String, Object> accessTokenClaims,
			boolean browserLogin) {

		public Client {
			Assert.hasText(clientId, "clientId must not be empty");
			Assert.hasText(secret, "secret must not be empty");
			scopes = Set.copyOf(scopes);
			accessTokenClaims = Map.copyOf(accessTokenClaims);
		}

		/**
		 * A client for client-credentials tokens only.
		 * @param clientId the client id
		 * @param secret the client secret
		 * @param scopes the scopes it may request
		 * @param accessTokenClaims claims added to its access tokens
		 */
		public Client(String clientId, String secret, Set<String> scopes, Map<String, Object> accessTokenClaims) {
			this(clientId, secret, scopes, accessTokenClaims, false);
		}

		@Override
		public String toString() {
			return "Client[" + this.clientId + ", scopes=" + this.scopes + "]";
		}

	}

	/**
	 * A user who signs in with the login form.
	 *
	 * @param username the login name, also the tokens' {@code sub}
	 * @param password the password
	 * @param idTokenClaims claims added to the user's ID tokens (and so to UserInfo),
	 * e.g. {@code name}
	 * @param accessTokenClaims claims added to access tokens issued for the user, e.g.
	 * {@code roles}
	 */
	public record User(String username, String password, Map<String, Object> idTokenClaims,
			Map<String, Object> accessTokenClaims) {

		public User {
			Assert.hasText(username, "username must not be empty");
			Assert.hasText(password, "password must not be empty");
			idTokenClaims = Map.copyOf(idTokenClaims);
			accessTokenClaims = Map.copyOf(accessTokenClaims);
		}

		@Override
		public String toString() {
			return "User[" + this.username + "]";
		}

	}

	/** Builds and starts a {@link DevelopmentProvider}. */
	public static final class Builder {

		private int port;

		private @Nullable String audience;

		private final List<Client> clients = new ArrayList<>();

		private final List<User> users = new ArrayList<>();

		private final Set<String> redirectUris = new LinkedHashSet<>();

		private final Set<String> postLogoutRedirectUris = new LinkedHashSet<>();

		private final List<Consumer<ConfigurableApplicationContext>> initializers = new ArrayList<>();

		private Builder() {
		}

		/**
		 * The port on 127.0.0.1.
		 * @param port the port, or 0 (the default) for a free one
		 * @return this builder
		 */
		public Builder port(int port) {
			Assert.isTrue(port >= 0 && port <= 65535, "port must be between 0 and 65535");
			this.port = port;
			return this;
		}

		/**
		 * The {@code aud} of every access token. Without one, Spring Authorization
		 * Server's default applies: the client id of the client the token was issued to.
		 * @param audience the audience
		 * @return this builder
		 */
		public Builder audience(@Nullable String audience) {
			this.audience = audience;
			return this;
		}

		/**
		 * Register a client.
		 * @param client the client
		 * @return this builder
		 */
		public Builder client(Client client) {
			this.clients.add(Objects.requireNonNull(client, "client"));
			return this;
		}

		/**
		 * Add a user.
		 * @param user the user
		 * @return this builder
		 */
		public Builder user(User user) {
			this.users.add(Objects.requireNonNull(user, "user"));
			return this;
		}

		/**
		 * A redirect URI every browser-login client accepts. Loopback URIs match on any
		 * port.
		 * @param redirectUri the absolute URI
		 * @return this builder
		 */
		public Builder redirectUri(String redirectUri) {
			this.redirectUris.add(redirectUri);
			return this;
		}

		/**
		 * A post-logout redirect URI every browser-login client accepts, compared
		 * exactly.
		 * @param postLogoutRedirectUri the absolute URI
		 * @return this builder
		 */
		public Builder postLogoutRedirectUri(String postLogoutRedirectUri) {
			this.postLogoutRedirectUris.add(postLogoutRedirectUri);
			return this;
		}

		/**
		 * Work on the provider's context before it is refreshed, e.g. to register a
		 * servlet filter.
		 * @param initializer the initializer
		 * @return this builder
		 */
		public Builder initializer(Consumer<ConfigurableApplicationContext> initializer) {
			this.initializers.add(Objects.requireNonNull(initializer, "initializer"));
			return this;
		}

		/**
		 * Start the provider. With port 0 it retries on another free port when one is
		 * taken between choosing and binding it.
		 * @return the running provider; close it when done
		 * @throws PortInUseException when a fixed port is taken
		 */
		public DevelopmentProvider start() {
			Assert.state(!this.clients.isEmpty(), "a development provider needs at least one client");
			SigningKeys keys = new SigningKeys();
			Accounts accounts = new Accounts(this.clients, this.users, this.audience, this.redirectUris,
					this.postLogoutRedirectUris);
			int attempts = (this.port != 0) ? 1 : RANDOM_PORT_ATTEMPTS;
			RuntimeException lastFailure = null;
			for (int attempt = 0; attempt < attempts; attempt++) {
				// The issuer, and so the port, must be known before the server starts:
				// Spring Authorization
				// Server reads it when its filters are built. Another process may take
				// the port in between.
				int port = (this.port != 0) ? this.port : freePort();
				String issuer = "http://127.0.0.1:" + port;
				try {
					ConfigurableApplicationContext context = run(port, issuer, keys, accounts);
					try {
						// The first key was generated while the server started; a started
						// provider can sign.
						keys.activeKeyId();
					}
					catch (RuntimeException ex) {
						context.close();
						throw ex;
					}
					return new DevelopmentProvider(context, issuer, keys, accounts);
				}
				catch (RuntimeException ex) {
					if (!causedByPortInUse(ex)) {
						throw ex;
					}
					lastFailure = ex;
				}
			}
			if (this.port != 0) {
				throw new PortInUseException(this.port, lastFailure);
			}
			throw new IllegalStateException(
					"no free port for the development provider after " + RANDOM_PORT_ATTEMPTS + " attempts",
					lastFailure);
		}

		private ConfigurableApplicationContext run(int port, String issuer, SigningKeys keys, Accounts accounts) {
			int instance = instances.incrementAndGet();
			// Command-line arguments outrank system properties and environment variables,
			// so nothing set
			// for the application (server.port, web application type...) leaks into the
			// provider.
			List<String> args = List.of("--" + MARKER + "=true", "--" + ISSUER + "=" + issuer,
					"--server.address=127.0.0.1", "--server.port=" + port, "--server.shutdown=immediate",
					"--server.tomcat.threads.min-spare=2",
					// Cookies are per host, not per port: the application's JSESSIONID on
					// 127.0.0.1 must survive
					// a login here.
					"--server.servlet.session.cookie.name=IDENTITY_DEV_PROVIDER_SESSION",
					"--spring.application.name=identity-dev-provider-" + instance,
					// No application.yml of the application is read.
					"--spring.config.name=identity-dev-provider", "--spring.main.web-application-type=servlet",
					"--spring.main.banner-mode=off", "--spring.main.log-startup-info=false",
					"--spring.jmx.enabled=false");
			SpringApplication application = new SpringApplication(DevelopmentProviderConfiguration.class);
			application.setWebApplicationType(WebApplicationType.SERVLET);
			// Logging is set up once per JVM, by the application: the provider must not
			// reset it.
			List<ApplicationListener<?>> listeners = new ArrayList<>(application.getListeners());
			listeners.removeIf(LoggingApplicationListener.class::isInstance);
			application.setListeners(listeners);
			application.addInitializers((context) -> {
				context.getBeanFactory().registerSingleton("identityDevProviderSigningKeys", keys);
				context.getBeanFactory().registerSingleton("identityDevProviderAccounts", accounts);
				this.initializers.forEach((initializer) -> initializer.accept(context));
			});
			return application.run(args.toArray(String[]::new));
		}

		private static int freePort() {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot find a free port", ex);
			}
		}

		private static boolean causedByPortInUse(Throwable failure) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof PortInUseException || cause instanceof BindException) {
					return true;
				}
			}
			return false;
		}

	}

}
