package dev.identity.browser.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException.Problem;
import dev.identity.browser.BrowserLoginProperties;
import dev.identity.core.ClientRegistration;
import dev.identity.core.internal.FailureReason;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.login.internal.AuthorizationRequest;
import dev.identity.login.internal.IdTokenValidator;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The {@code identity.login.*} properties, checked once and kept as the values the login
 * runs with. The checks are listed in one place, {@link #problems}, which both the
 * auto-configuration's problem-collecting factory (every invalid property in one report)
 * and the constructor (the first invalid property) use.
 */
final class BrowserLoginSettings {

	private static final String PREFIX = "identity.login.";

	/**
	 * Stands for the issuer or client id while they are unknown or invalid themselves.
	 */
	private static final String PROBE = "https://provider.invalid";

	final String clientId;

	final IdTokenValidator validator;

	final boolean keysRefreshable;

	final String loginPath;

	final String registerPath;

	final String callbackPath;

	final String logoutPath;

	final @Nullable URI redirectUri;

	final List<String> scopes;

	final Map<String, String> parameters;

	final String postLoginRedirect;

	final String postLogoutRedirectUri;

	final Duration maxPendingAge;

	final int maxPendingLogins;

	/**
	 * Check and keep the settings.
	 * @param properties the {@code identity.login.*} properties, read once
	 * @param settings the engine settings of the issuer and client
	 * @throws InvalidConfigurationPropertyValueException naming the first invalid
	 * property
	 * @throws IllegalStateException when the settings have no client registration
	 */
	BrowserLoginSettings(BrowserLoginProperties properties, EngineSettings settings) {
		Objects.requireNonNull(properties, "properties");
		Objects.requireNonNull(settings, "settings");
		ClientRegistration client = settings.client();
		if (client == null) {
			throw new IllegalStateException("browser login needs an OAuth client: set identity.client-id");
		}
		String issuer = settings.validation().getIssuer();
		List<Problem> problems = problems(properties, issuer);
		if (!problems.isEmpty()) {
			Problem first = problems.get(0);
			throw new InvalidConfigurationPropertyValueException(first.property(), first.value(), first.reason());
		}
		this.clientId = client.getClientId();
		this.loginPath = properties.getLoginPath();
		this.registerPath = properties.getRegisterPath();
		this.callbackPath = properties.getCallbackPath();
		this.logoutPath = properties.getLogoutPath();
		this.redirectUri = properties.getRedirectUri();
		this.scopes = List.copyOf(properties.getScopes());
		this.parameters = new LinkedHashMap<>(properties.getAuthorizationParameters());
		this.postLoginRedirect = properties.getPostLoginRedirect();
		this.postLogoutRedirectUri = properties.getPostLogoutRedirectUri();
		this.maxPendingAge = properties.getMaxPendingAge();
		this.maxPendingLogins = properties.getMaxPendingLogins();
		this.validator = IdTokenValidator.forClient(issuer, this.clientId)
			.algorithms(settings.validation().getAlgorithms())
			.clockSkew(settings.validation().getClockSkew())
			.trustedAudiences(properties.getTrustedAudiences())
			.build();
		// The engine's unknown-kid refresh runs inside its token validation, which an
		// opaque-token configuration replaces by introspection: there, sending the ID
		// token would refresh nothing.
		this.keysRefreshable = !settings.introspection().opaqueTokens();
	}

	/**
	 * Every invalid {@code identity.login.*} property, in the order the properties are
	 * documented.
	 * @param properties the properties
	 * @param issuer the issuer identifier, or {@code null} when it is not known (itself
	 * invalid)
	 * @return the problems, empty when the properties are valid
	 */
	static List<Problem> problems(BrowserLoginProperties properties, @Nullable String issuer) {
		List<Problem> problems = new ArrayList<>();
		List<String> paths = new ArrayList<>();
		paths.add(path(problems, "login-path", properties.getLoginPath()));
		paths.add(path(problems, "register-path", properties.getRegisterPath()));
		paths.add(path(problems, "callback-path", properties.getCallbackPath()));
		paths.add(path(problems, "logout-path", properties.getLogoutPath()));
		Set<String> distinct = new HashSet<>(paths);
		if (!distinct.contains(null) && distinct.size() != 4) {
			problems.add(problem("callback-path", properties.getCallbackPath(),
					"login, register, callback and logout paths must differ from each other"));
		}
		URI redirectUri = properties.getRedirectUri();
		if (redirectUri != null && (!redirectUri.isAbsolute() || redirectUri.getRawFragment() != null)) {
			problems.add(
					problem("redirect-uri", redirectUri, "must be an absolute URI without fragment (RFC 6749 §3.1.2)"));
		}
		requestParameters(problems, properties, (issuer != null) ? issuer : PROBE);
		path(problems, "post-login-redirect", properties.getPostLoginRedirect());
		postLogout(problems, properties.getPostLogoutRedirectUri());
		Duration maxPendingAge = properties.getMaxPendingAge();
		if (maxPendingAge == null || maxPendingAge.isNegative() || maxPendingAge.isZero()) {
			problems.add(problem("max-pending-age", maxPendingAge, "must be positive"));
		}
		if (properties.getMaxPendingLogins() < 1) {
			problems.add(problem("max-pending-logins", properties.getMaxPendingLogins(), "must be at least 1"));
		}
		try {
			IdTokenValidator.forClient((issuer != null) ? issuer : PROBE, PROBE)
				.trustedAudiences(properties.getTrustedAudiences());
		}
		catch (IllegalArgumentException ex) {
			problems.add(problem("trusted-audiences", properties.getTrustedAudiences(), FailureReason.of(ex)));
		}
		return problems;
	}

	private static void requestParameters(List<Problem> problems, BrowserLoginProperties properties, String issuer) {
		// The builder checks scopes and parameter names as it takes them: a bad value
		// fails at start-up rather than on the first login.
		AuthorizationRequest.Builder probe = AuthorizationRequest.withEndpoint(issuer,
				URI.create(PROBE + "/authorize"));
		List<String> scopes = properties.getScopes();
		try {
			probe.scopes(scopes);
		}
		catch (IllegalArgumentException ex) {
			problems.add(problem("scopes", scopes, FailureReason.of(ex)));
		}
		for (Map.Entry<String, String> parameter : properties.getAuthorizationParameters().entrySet()) {
			try {
				probe.parameter(parameter.getKey(), parameter.getValue());
			}
			catch (IllegalArgumentException ex) {
				problems.add(problem("authorization-parameters", parameter.getKey(), FailureReason.of(ex)));
			}
		}
	}

	/** The path when it is valid, else {@code null} with its problem added. */
	private static @Nullable String path(List<Problem> problems, String property, @Nullable String path) {
		if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\")
				|| path.chars().anyMatch((c) -> c <= 0x20 || c >= 0x7f)) {
			problems.add(problem(property, path,
					"must be a path of the application starting with a single '/', in ASCII without spaces"));
			return null;
		}
		return path;
	}

	private static void postLogout(List<Problem> problems, @Nullable String value) {
		if (value != null) {
			try {
				URI uri = new URI(value);
				if (uri.isAbsolute()) {
					// Only a web page: a javascript: or data: URL here would run in the
					// application's origin.
					boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
					if (web && uri.getRawAuthority() != null && uri.getRawFragment() == null) {
						return;
					}
				}
				else {
					path(problems, "post-logout-redirect-uri", value);
					return;
				}
			}
			catch (URISyntaxException ex) {
				// Reported below.
			}
		}
		problems.add(problem("post-logout-redirect-uri", value,
				"must be a path of the application or an absolute http(s) URL without fragment"));
	}

	private static Problem problem(String property, @Nullable Object value, String reason) {
		return new Problem(PREFIX + property, String.valueOf(value), reason);
	}

}
