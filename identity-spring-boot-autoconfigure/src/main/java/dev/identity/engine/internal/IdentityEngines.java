package dev.identity.engine.internal;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.internal.LogSafeText;
import dev.identity.core.internal.validation.TokenIssuer;
import org.jspecify.annotations.Nullable;

/**
 * The engines of the configured issuers, by name, in the order they were declared: one
 * engine per issuer, each with its own caches, so an outage of one provider leaves the
 * others alone.
 * <p>
 * With one issuer every token goes to its engine, which verifies its {@code iss} with the
 * rest. With several, a token goes to the engine whose issuer equals the token's
 * unverified {@code iss} exactly, and is verified there in full; a token naming no
 * configured issuer is refused at once, before any engine sees it, so no request is ever
 * made for an issuer taken from a token. A token an engine remembers (it verified it,
 * {@code iss} included) goes to that engine without its {@code iss} being read again: the
 * same engine, found without decoding the token.
 */
public final class IdentityEngines implements AutoCloseable {

	/** The name of the one issuer set with {@code identity.issuer-uri}. */
	public static final String DEFAULT_NAME = "default";

	/**
	 * The name under which tokens refused before reaching an issuer are observed: no
	 * issuer name can take it (they start with a letter or a digit).
	 */
	public static final String UNKNOWN_NAME = "_unknown";

	private final Map<String, IdentityEngine> byName;

	private final Map<String, IdentityEngine> byIssuer;

	private final IdentityEngine primary;

	private final EngineObserver unrouted;

	/** Reads a token's unverified {@code iss}: {@link TokenIssuer#peek}. */
	private final Function<@Nullable String, @Nullable String> issuerOf;

	/**
	 * @param engines the engines by issuer name, in declaration order; the first is the
	 * primary one
	 * @throws IllegalArgumentException when empty, or when two engines share an issuer
	 */
	public IdentityEngines(Map<String, IdentityEngine> engines) {
		this(engines, EngineObserver.NONE);
	}

	/**
	 * @param engines the engines by issuer name, in declaration order; the first is the
	 * primary one
	 * @param unrouted told of each token refused before any engine saw it (its issuer is
	 * not configured, or it names none)
	 * @throws IllegalArgumentException when empty, or when two engines share an issuer
	 */
	public IdentityEngines(Map<String, IdentityEngine> engines, EngineObserver unrouted) {
		this(engines, unrouted, TokenIssuer::peek);
	}

	/**
	 * For tests, which count the tokens whose {@code iss} is read.
	 * @param engines the engines by issuer name, in declaration order
	 * @param unrouted told of each token refused before any engine saw it
	 * @param issuerOf reads a token's unverified {@code iss}
	 */
	IdentityEngines(Map<String, IdentityEngine> engines, EngineObserver unrouted,
			Function<@Nullable String, @Nullable String> issuerOf) {
		this.unrouted = unrouted;
		this.issuerOf = issuerOf;
		if (engines.isEmpty()) {
			throw new IllegalArgumentException("at least one issuer is required");
		}
		this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(engines));
		Map<String, IdentityEngine> issuers = new HashMap<>();
		engines.forEach((name, engine) -> {
			String issuer = engine.getSettings().validation().getIssuer();
			if (issuers.putIfAbsent(issuer, engine) != null) {
				throw new IllegalArgumentException("two issuers have the issuer URI " + issuer);
			}
		});
		this.byIssuer = issuers;
		this.primary = this.byName.values().iterator().next();
	}

	/**
	 * One issuer's engine, named {@value #DEFAULT_NAME}.
	 * @param engine the engine
	 * @return the set of one
	 */
	public static IdentityEngines of(IdentityEngine engine) {
		return new IdentityEngines(Map.of(DEFAULT_NAME, engine));
	}

	/**
	 * The engine of the first issuer declared: the one used where no issuer is named,
	 * such as the browser login.
	 * @return the engine
	 */
	public IdentityEngine primary() {
		return this.primary;
	}

	/**
	 * The engine of a named issuer.
	 * @param name the name under {@code identity.issuers}, or {@value #DEFAULT_NAME}
	 * @return the engine
	 * @throws IllegalArgumentException naming the configured issuers when none has that
	 * name
	 */
	public IdentityEngine named(String name) {
		IdentityEngine engine = this.byName.get(name);
		if (engine == null) {
			throw new IllegalArgumentException("no issuer is named '" + LogSafeText.of(name)
					+ "'; the configured issuers are " + this.byName.keySet());
		}
		return engine;
	}

	/**
	 * The engines by issuer name, in declaration order.
	 * @return the engines, read-only
	 */
	public Map<String, IdentityEngine> all() {
		return this.byName;
	}

	/** Whether a single issuer is configured. */
	public boolean isSingle() {
		return this.byName.size() == 1;
	}

	/**
	 * The engine that verifies a token.
	 * @param token the token, as received
	 * @return with one issuer its engine; with several, the engine of the token's
	 * unverified {@code iss}
	 * @throws InvalidTokenException ({@link TokenCheck#ISSUER}) when several issuers are
	 * configured and the token names none of them; a token that is not a JWS goes to the
	 * primary engine, which says why it cannot be read
	 */
	public IdentityEngine forToken(@Nullable String token) {
		if (isSingle()) {
			return this.primary;
		}
		try {
			return route(token);
		}
		catch (InvalidTokenException ex) {
			this.unrouted.rejected(ex.getFailures().get(0).check());
			throw ex;
		}
	}

	private IdentityEngine route(@Nullable String token) {
		if (token != null) {
			for (IdentityEngine engine : this.byName.values()) {
				if (engine.remembers(token)) {
					// Verified by this engine before, 'iss' included: not read again.
					return engine;
				}
			}
		}
		String issuer = this.issuerOf.apply(token);
		if (issuer == null) {
			// Parsed in full by the primary engine's verifier, it fails with the reason
			// it cannot be read, or has no 'iss' string: nothing is fetched either way.
			this.primary.requireReadable(token);
			throw InvalidTokenException.of(TokenCheck.ISSUER,
					"token has no 'iss'; one of the " + this.byName.size() + " configured issuers must issue it");
		}
		IdentityEngine engine = this.byIssuer.get(issuer);
		if (engine == null) {
			throw InvalidTokenException.of(TokenCheck.ISSUER, "token issuer '" + LogSafeText.of(issuer)
					+ "' is not one of the " + this.byName.size() + " configured issuers");
		}
		return engine;
	}

	@Override
	public void close() {
		this.byName.values().forEach(IdentityEngine::close);
	}

	@Override
	public String toString() {
		return "IdentityEngines" + this.byName.keySet();
	}

}
