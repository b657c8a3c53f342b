package dev.identity.autoconfigure.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.JWK;
import dev.identity.autoconfigure.IdentityConfigurationCheck;
import dev.identity.autoconfigure.IdentityProperties;
import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.core.ClaimRule;
import dev.identity.core.ClientAuthenticationMethod;
import dev.identity.core.ClientRegistration;
import dev.identity.core.DiscoveryPolicy;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.TokenRequest;
import dev.identity.core.TokenResponse;
import dev.identity.core.ValidationPolicy;
import dev.identity.core.internal.FailureReason;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.IdentityEngines;
import dev.identity.engine.internal.cache.CacheSettings;
import dev.identity.engine.internal.transport.RetryPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Turns {@link IdentityProperties} into {@link EngineSettings}, collecting every invalid
 * property into one {@link InvalidIdentityConfigurationException}.
 */
public final class EngineSettingsFactory {

	private EngineSettingsFactory() {
	}

	public static EngineSettings create(IdentityProperties properties) {
		return create(properties, List.of(), List.of());
	}

	/**
	 * The engine settings of the one issuer, or one exception listing every invalid
	 * property: the engine's and those the checks find. The validation policy applies the
	 * application's claim rules after the built-in ones.
	 * @param properties the properties
	 * @param checks more checks of the properties, such as the browser login's
	 * @param claimRules the application's claim rules, in order
	 * @return the settings of the first issuer declared
	 */
	public static EngineSettings create(IdentityProperties properties, List<IdentityConfigurationCheck> checks,
			List<ClaimRule> claimRules) {
		return createAll(properties, checks, claimRules).values().iterator().next();
	}

	/**
	 * The engine settings of every configured issuer, by name in declaration order: the
	 * one of {@code identity.issuer-uri} (named {@value IdentityEngines#DEFAULT_NAME}),
	 * or those of {@code identity.issuers}; or one exception listing every invalid
	 * property of them all.
	 * @param properties the properties
	 * @param checks more checks of the properties, such as the browser login's
	 * @param claimRules the application's claim rules, in order
	 * @return the settings by issuer name
	 */
	public static Map<String, EngineSettings> createAll(IdentityProperties properties,
			List<IdentityConfigurationCheck> checks, List<ClaimRule> claimRules) {
		// A set: the top-level values the issuers share are checked once per issuer.
		Set<InvalidIdentityConfigurationException.Problem> problems = new LinkedHashSet<>();
		List<IssuerView> views = IssuerView.all(properties, problems);
		Map<String, EngineSettings> settings = new LinkedHashMap<>();
		Map<String, String> issuerNames = new LinkedHashMap<>();
		for (IssuerView view : views) {
			URI issuer = view.issuerUri();
			if (issuer != null) {
				String other = issuerNames.putIfAbsent(issuer.toString(), view.name());
				if (other != null) {
					problems.add(problem(view.issuerUriProperty(), issuer.toString(),
							"is also the issuer of identity.issuers." + other + "; each issuer may be declared once"));
				}
			}
			EngineSettings one = create(view, properties, claimRules, problems);
			if (one != null) {
				settings.put(view.name(), one);
			}
		}
		for (IdentityConfigurationCheck check : checks) {
			problems.addAll(check.problems(properties));
		}
		if (!problems.isEmpty()) {
			throw new InvalidIdentityConfigurationException(new ArrayList<>(problems));
		}
		return settings;
	}

	/** One issuer's settings, or {@code null} when a problem was found. */
	private static @Nullable EngineSettings create(IssuerView view, IdentityProperties properties,
			List<ClaimRule> claimRules, Set<InvalidIdentityConfigurationException.Problem> problems) {
		int problemsBefore = problems.size();
		URI issuer = view.issuerUri();
		IdentityProperties.Discovery discovery = properties.getDiscovery();
		DiscoveryPolicy discoveryPolicy = new DiscoveryPolicy(discovery.isRequireIssuerMatch(),
				discovery.isRequireHttps(), discovery.isRequireSameHost());
		if (issuer == null) {
			problems.add(problem(view.issuerUriProperty(), "", "must be set"));
		}
		else {
			for (String reason : discoveryPolicy.checkIssuer(issuer)) {
				problems.add(problem(view.issuerUriProperty(), issuer.toString(), reason));
			}
		}
		Set<JwsAlgorithm> algorithms = EnumSet.noneOf(JwsAlgorithm.class);
		for (String name : view.algorithms()) {
			try {
				algorithms.add(JwsAlgorithm.fromConfiguration(name));
			}
			catch (IllegalArgumentException ex) {
				problems.add(problem(view.algorithmsProperty(), name, FailureReason.of(ex)));
			}
		}
		if (view.algorithms().isEmpty()) {
			problems.add(problem(view.algorithmsProperty(), "", "must name at least one algorithm"));
		}
		for (String audience : view.audiences()) {
			if (audience == null || audience.isBlank()) {
				problems
					.add(problem(view.audiencesProperty(), String.valueOf(audience), "must not contain blank values"));
			}
		}
		for (String claim : view.requiredClaims()) {
			if (claim == null || claim.isBlank()) {
				problems
					.add(problem(view.requiredClaimsProperty(), String.valueOf(claim), "must not contain blank names"));
			}
		}
		if (properties.getClockSkew().isNegative()) {
			problems.add(problem("identity.clock-skew", properties.getClockSkew().toString(), "must not be negative"));
		}
		else if (properties.getClockSkew().compareTo(Duration.ofMinutes(10)) > 0) {
			problems.add(problem("identity.clock-skew", properties.getClockSkew().toString(),
					"is more than 10 minutes; fix the clocks instead of widening the window"));
		}
		positive(problems, "identity.http.connect-timeout", properties.getHttp().getConnectTimeout());
		positive(problems, "identity.http.read-timeout", properties.getHttp().getReadTimeout());
		positive(problems, "identity.http.deadline", properties.getHttp().getDeadline());
		atMostADay(problems, "identity.http.deadline", properties.getHttp().getDeadline());
		atMostADay(problems, "identity.http.connect-timeout", properties.getHttp().getConnectTimeout());
		atMostADay(problems, "identity.http.read-timeout", properties.getHttp().getReadTimeout());
		atMostADay(problems, "identity.introspection.cache-ttl", properties.getIntrospection().getCacheTtl());
		atMostADay(problems, "identity.introspection.failure-ttl", properties.getIntrospection().getFailureTtl());
		if (properties.getHttp().getSharedFetchWait().isNegative()) {
			problems.add(problem("identity.http.shared-fetch-wait",
					properties.getHttp().getSharedFetchWait().toString(), "must not be negative"));
		}
		else if (properties.getHttp().getSharedFetchWait().compareTo(properties.getHttp().getDeadline()) > 0) {
			problems
				.add(problem("identity.http.shared-fetch-wait", properties.getHttp().getSharedFetchWait().toString(),
						"must not exceed identity.http.deadline (" + properties.getHttp().getDeadline() + ")"));
		}
		CacheSettings discoveryCache = cache(properties.getDiscovery());
		CacheSettings jwksCache = cache(properties.getJwks());
		cacheProblems(problems, "identity.discovery", discoveryCache);
		cacheProblems(problems, "identity.jwks", jwksCache);
		IdentityProperties.Http http = properties.getHttp();
		if (http.getMaxAttempts() < 1 || http.getMaxAttempts() > 10) {
			problems.add(problem("identity.http.max-attempts", String.valueOf(http.getMaxAttempts()),
					"must be between 1 and 10"));
		}
		ClientRegistration client = client(view, properties, problems);
		positive(problems, "identity.token.default-lifetime", properties.getToken().getDefaultLifetime());
		if (properties.getToken().getRenewalSkew().isNegative()) {
			problems.add(problem("identity.token.renewal-skew", properties.getToken().getRenewalSkew().toString(),
					"must not be negative"));
		}
		else if (properties.getToken().getRenewalSkew().compareTo(TokenResponse.MAXIMUM_LIFETIME) > 0) {
			problems.add(problem("identity.token.renewal-skew", properties.getToken().getRenewalSkew().toString(),
					"must not exceed " + TokenResponse.MAXIMUM_LIFETIME.toDays()
							+ " days, the longest lifetime a token " + "is given"));
		}
		IdentityProperties.Introspection introspection = properties.getIntrospection();
		if (introspection.getCacheTtl().isNegative()) {
			problems.add(problem("identity.introspection.cache-ttl", introspection.getCacheTtl().toString(),
					"must not be negative"));
		}
		if (introspection.getMaxConcurrent() < 1) {
			problems.add(problem("identity.introspection.max-concurrent",
					String.valueOf(introspection.getMaxConcurrent()), "must be at least 1"));
		}
		if (introspection.getMaxPerSecond() < 1) {
			problems.add(problem("identity.introspection.max-per-second",
					String.valueOf(introspection.getMaxPerSecond()), "must be at least 1"));
		}
		if (introspection.getFailureTtl().isNegative()) {
			problems.add(problem("identity.introspection.failure-ttl", introspection.getFailureTtl().toString(),
					"must not be negative"));
		}
		if (introspection.isOpaqueTokens() && client == null && !hasText(view.clientId())) {
			problems.add(problem("identity.introspection.opaque-tokens", "true",
					"needs identity.client-id (and its credentials): the introspection endpoint authenticates clients"));
		}
		IdentityProperties.ValidationCache validationCache = properties.getValidationCache();
		if (validationCache.isEnabled() && validationCache.getMaxEntries() < 1) {
			problems
				.add(problem("identity.validation-cache.max-entries", String.valueOf(validationCache.getMaxEntries()),
						"must be at least 1; set identity.validation-cache.enabled=false to turn the cache off"));
		}
		DataSize maxSize = validationCache.getMaxSize();
		long maxBytes = (maxSize != null) ? maxSize.toBytes() : 0;
		String sizeProblem = EngineSettings.TokenCacheSettings.sizeProblem(maxBytes);
		if (validationCache.isEnabled() && sizeProblem != null) {
			problems.add(problem("identity.validation-cache.max-size", String.valueOf(maxSize), sizeProblem));
		}
		if (problems.size() > problemsBefore || issuer == null) {
			return null;
		}
		ValidationPolicy policy = ValidationPolicy.withIssuer(issuer.toString())
			.audiences(view.audiences())
			.algorithms(algorithms)
			.clockSkew(properties.getClockSkew())
			.requiredType(view.requiredType())
			.requiredClaims(view.requiredClaims())
			.acceptIdTokens(properties.isAcceptIdTokens())
			.rules(claimRules)
			.build();
		EngineSettings.TokenSettings tokens = new EngineSettings.TokenSettings(properties.getToken().getRenewalSkew(),
				properties.getToken().getDefaultLifetime(), properties.isPasswordGrantEnabled(),
				new TokenRequest.ClientCredentials(new LinkedHashSet<>(properties.getScopes()), List.of(), List.of(),
						Map.of()));
		RetryPolicy retry = new RetryPolicy(http.getMaxAttempts(), http.getInitialBackoff(), http.getMaxBackoff(),
				http.getMaxRetryAfter());
		return new EngineSettings(issuer, policy, discoveryPolicy, discoveryCache, jwksCache, client, tokens, retry,
				new EngineSettings.IntrospectionSettings(introspection.isOpaqueTokens(), introspection.getCacheTtl(),
						introspection.getMaxConcurrent(), introspection.getMaxPerSecond(),
						introspection.getFailureTtl(), introspection.isRequireTokenType()),
				validationCache.isEnabled()
						? new EngineSettings.TokenCacheSettings(true, validationCache.getMaxEntries(), maxBytes)
						: EngineSettings.TokenCacheSettings.DISABLED,
				new EngineSettings.FetchLimits(http.getDeadline(), http.getSharedFetchWait()));
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	private static @Nullable ClientRegistration client(IssuerView view, IdentityProperties properties,
			Set<InvalidIdentityConfigurationException.Problem> problems) {
		String clientId = view.clientId();
		ClientAuthenticationMethod method = properties.getClientAuthenticationMethod();
		String secret = view.clientSecret();
		if (clientId == null || clientId.isBlank()) {
			if (secret != null) {
				problems.add(problem(view.clientIdProperty(), "",
						"must be set when " + view.clientSecretProperty() + " is"));
			}
			return null;
		}
		switch (method) {
			case CLIENT_SECRET_BASIC, CLIENT_SECRET_POST -> {
				if (secret == null || secret.isBlank()) {
					problems.add(problem(view.clientSecretProperty(), "",
							"must be set for client authentication method "
									+ method.name().toLowerCase(Locale.ROOT).replace('_', '-')
									+ " (or choose identity.client-authentication-method=none for a public client)"));
					return null;
				}
				return ClientRegistration.withSecret(clientId, secret, method);
			}
			case PRIVATE_KEY_JWT -> {
				Resource location = properties.getClientPrivateKey();
				if (location == null) {
					problems.add(problem("identity.client-private-key", "",
							"must point to the client's private JWK for private-key-jwt"));
					return null;
				}
				try {
					JWK key = JWK.parse(location.getContentAsString(StandardCharsets.UTF_8));
					return ClientRegistration.withPrivateKey(clientId, key);
				}
				catch (IOException | ParseException | IllegalArgumentException ex) {
					problems.add(problem("identity.client-private-key", location.getDescription(),
							"is not a readable private JWK: " + ex.getMessage()));
					return null;
				}
			}
			default -> {
				if (secret != null) {
					problems.add(problem(view.clientSecretProperty(), "(hidden)",
							"must not be set for a public client (identity.client-authentication-method=none)"));
				}
				return ClientRegistration.publicClient(clientId);
			}
		}
	}

	private static CacheSettings cache(IdentityProperties.Cache cache) {
		return new CacheSettings(cache.getTtl(), cache.getMinimumTtl(), cache.getMaximumTtl(), cache.getRefreshAhead(),
				cache.getMinimumRefreshInterval(), cache.getOutageTolerance());
	}

	private static void cacheProblems(Set<InvalidIdentityConfigurationException.Problem> problems, String prefix,
			CacheSettings settings) {
		problems.addAll(CacheSettingsProblems.of(prefix, settings));
	}

	/**
	 * Beyond a day, arithmetic on times could overflow into an error on every request.
	 */
	private static void atMostADay(Set<InvalidIdentityConfigurationException.Problem> problems, String property,
			Duration value) {
		if (value.compareTo(Duration.ofDays(1)) > 0) {
			problems.add(problem(property, value.toString(), "must not exceed 1 day"));
		}
	}

	private static void positive(Set<InvalidIdentityConfigurationException.Problem> problems, String property,
			Duration value) {
		if (value.isNegative() || value.isZero()) {
			problems.add(problem(property, value.toString(), "must be positive"));
		}
	}

	private static InvalidIdentityConfigurationException.Problem problem(String property, String value, String reason) {
		return new InvalidIdentityConfigurationException.Problem(property, value, reason);
	}

}
