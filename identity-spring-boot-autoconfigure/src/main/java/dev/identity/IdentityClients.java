package dev.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import dev.identity.autoconfigure.IdentityProperties;
import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.autoconfigure.internal.EngineSettingsFactory;
import dev.identity.autoconfigure.internal.IdentityTransports;
import dev.identity.client.OAuthClient;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.client.SmartOAuthClient;
import dev.identity.core.ClaimRule;
import dev.identity.core.internal.LogSafeText;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.IdentityEngine;
import dev.identity.engine.internal.IdentityEngines;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The three clients of one issuer on one engine, without Spring Boot's
 * auto-configuration: for plain Java, tests, and applications that wire their beans by
 * hand. The settings are the {@code identity.*} properties, checked by the same rules as
 * at start-up, so one mistake or several fail {@link Builder#build()} with one
 * {@link InvalidIdentityConfigurationException} naming each property.
 *
 * <pre class="code">
 * try (IdentityClients clients = IdentityClients.builder()
 * 		.issuerUri("https://login.example.com")
 * 		.audiences("orders-api")
 * 		.build()) {
 * 	ValidatedToken token = clients.blocking().validate(bearer);
 * }
 * </pre>
 *
 * The blocking, reactive and smart clients share the engine's caches: a key fetched or a
 * token validated by one serves the others. {@link #close()} stops the engine's refresh
 * threads.
 */
public final class IdentityClients implements AutoCloseable {

	private final IdentityEngine engine;

	private final OAuthClient blocking;

	private final ReactiveOAuthClient reactive;

	private final SmartOAuthClient smart;

	private IdentityClients(IdentityEngine engine, OAuthClient blocking, ReactiveOAuthClient reactive,
			SmartOAuthClient smart) {
		this.engine = engine;
		this.blocking = blocking;
		this.reactive = reactive;
		this.smart = smart;
	}

	/**
	 * A builder with the defaults of the {@code identity.*} properties.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/** The blocking client, for threads that may wait. */
	public OAuthClient blocking() {
		return this.blocking;
	}

	/** The reactive client, which never blocks the caller's thread. */
	public ReactiveOAuthClient reactive() {
		return this.reactive;
	}

	/** The client that is safe from either world. */
	public SmartOAuthClient smart() {
		return this.smart;
	}

	/** Stops the engine's refresh threads; the clients must not be used afterwards. */
	@Override
	public void close() {
		this.engine.close();
	}

	@Override
	public String toString() {
		return "IdentityClients[" + this.engine + "]";
	}

	/**
	 * Builds {@link IdentityClients}. Only the issuer is required; everything else has
	 * the default of its {@code identity.*} property.
	 */
	public static final class Builder {

		private final IdentityProperties properties = new IdentityProperties();

		private final List<ClaimRule> claimRules = new ArrayList<>();

		private Clock clock = Clock.systemUTC();

		private RestClient.Builder restClient = RestClient.builder();

		private WebClient.Builder webClient = WebClient.builder();

		private HttpClientSettings httpSettings = HttpClientSettings.defaults();

		private Builder() {
		}

		/**
		 * The issuer ({@code identity.issuer-uri}).
		 * @param issuerUri the issuer, exactly as its tokens name it
		 * @return this builder
		 */
		public Builder issuerUri(String issuerUri) {
			Objects.requireNonNull(issuerUri, "issuerUri");
			try {
				this.properties.setIssuerUri(new URI(issuerUri));
			}
			catch (URISyntaxException ex) {
				// The same typed failure as a bad application.yml, not URI's own
				// exception.
				throw new InvalidIdentityConfigurationException(
						List.of(new InvalidIdentityConfigurationException.Problem("identity.issuer-uri",
								LogSafeText.of(issuerUri, 200),
								"is not a URI; set the issuer exactly as its tokens name it")));
			}
			return this;
		}

		/**
		 * The audiences a token must name one of ({@code identity.audiences}).
		 * @param audiences the audiences
		 * @return this builder
		 */
		public Builder audiences(String... audiences) {
			for (String audience : audiences) {
				Objects.requireNonNull(audience, "an audience is null");
			}
			this.properties.setAudiences(List.of(audiences));
			return this;
		}

		/**
		 * The client's credentials ({@code identity.client-id},
		 * {@code identity.client-secret}), for the token endpoint and introspection.
		 * @param clientId the client id
		 * @param clientSecret the client secret, or {@code null} for a public client
		 * @return this builder
		 */
		public Builder client(String clientId, @Nullable String clientSecret) {
			this.properties.setClientId(Objects.requireNonNull(clientId, "clientId"));
			this.properties.setClientSecret(clientSecret);
			return this;
		}

		/**
		 * Any other {@code identity.*} setting, on the properties object that
		 * {@code application.yml} would bind.
		 * @param customizer changes the properties
		 * @return this builder
		 */
		public Builder properties(Consumer<IdentityProperties> customizer) {
			customizer.accept(this.properties);
			return this;
		}

		/**
		 * An application claim rule, applied after the built-in rules to every access
		 * token, as a {@link ClaimRule} bean is.
		 * @param rule the rule
		 * @return this builder
		 */
		public Builder claimRule(ClaimRule rule) {
			this.claimRules.add(Objects.requireNonNull(rule, "rule"));
			return this;
		}

		/**
		 * The clock of every time check (tests use a fixed or simulated one).
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * The builder the blocking client's HTTP client starts from (it is cloned, never
		 * changed).
		 * @param restClient the builder
		 * @return this builder
		 */
		public Builder restClient(RestClient.Builder restClient) {
			this.restClient = Objects.requireNonNull(restClient, "restClient");
			return this;
		}

		/**
		 * The builder the reactive client's HTTP client starts from (it is cloned, never
		 * changed).
		 * @param webClient the builder
		 * @return this builder
		 */
		public Builder webClient(WebClient.Builder webClient) {
			this.webClient = Objects.requireNonNull(webClient, "webClient");
			return this;
		}

		/**
		 * The HTTP client settings (an SSL bundle, ...) under the {@code identity.http}
		 * timeouts; redirects are never followed.
		 * @param settings the settings
		 * @return this builder
		 */
		public Builder httpSettings(HttpClientSettings settings) {
			this.httpSettings = Objects.requireNonNull(settings, "settings");
			return this;
		}

		/**
		 * The clients, on one new engine. Nothing is fetched until the first use.
		 * @return the clients
		 * @throws InvalidIdentityConfigurationException naming every invalid setting
		 */
		public IdentityClients build() {
			EngineSettings settings = EngineSettingsFactory.create(this.properties, List.of(),
					List.copyOf(this.claimRules));
			IdentityEngine engine = new IdentityEngine(settings, this.clock);
			try {
				return clients(engine);
			}
			catch (RuntimeException ex) {
				engine.close();
				throw ex;
			}
		}

		private IdentityClients clients(IdentityEngine engine) {
			OAuthClient blocking = new OAuthClient(engine, IdentityTransports.restClient(this.restClient,
					this.httpSettings, ClientHttpRequestFactoryBuilder.detect(), this.properties.getHttp()));
			ReactiveOAuthClient reactive = IdentityTransports.reactiveClient(IdentityEngines.of(engine), this.webClient,
					this.httpSettings, ClientHttpConnectorBuilder.detect(), this.properties.getHttp());
			SmartOAuthClient smart = new SmartOAuthClient(blocking, reactive,
					this.properties.getSmart().getEventLoopPolicy());
			return new IdentityClients(engine, blocking, reactive, smart);
		}

	}

}
