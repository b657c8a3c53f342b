package dev.identity.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.identity.claims.ClaimNames;
import dev.identity.claims.ClaimsPreset;
import org.jspecify.annotations.Nullable;

/**
 * A token of a {@link TestIssuer}, described fluently and signed by {@link #encode()}: an
 * RFC 9068 access token ({@code typ: at+jwt}, RS256) with {@code iss}, {@code sub},
 * {@code aud}, {@code client_id}, {@code iat}, {@code exp} and {@code jti}, plus the
 * roles, permissions, scopes, groups and feature flags asked for, written where the
 * application's claim names read them. <pre>
 * String token = token().subject("alice").roles("admin").permissions("notes:write").encode();
 * </pre> Each {@link #encode()} signs again, with the times taken at that moment.
 * Negative tests change one thing: {@link #expired()}, {@link #notYetValid()},
 * {@link #audience(String...)}, {@link #issuer(String)}, {@link #type(String)}.
 */
public final class TestToken {

	/** The subject unless {@link #subject(String)} says otherwise. */
	public static final String DEFAULT_SUBJECT = "user";

	/** The {@code client_id} unless {@link #clientId(String)} says otherwise. */
	public static final String DEFAULT_CLIENT_ID = "test-client";

	/** How long a token is valid unless {@link #expiresIn(Duration)} says otherwise. */
	public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	// Far outside any clock skew a validator would allow.
	private static final Duration OUT_OF_RANGE = Duration.ofHours(1);

	private final TestIssuer signer;

	private final Clock clock;

	private ClaimNames claimNames = ClaimNames.withPreset(ClaimsPreset.GENERIC).build();

	private String issuer;

	private @Nullable String subject = DEFAULT_SUBJECT;

	private @Nullable String clientId = DEFAULT_CLIENT_ID;

	private List<String> audiences = List.of();

	private @Nullable String type = "at+jwt";

	private final Set<String> roles = new LinkedHashSet<>();

	private final Set<String> permissions = new LinkedHashSet<>();

	private final Set<String> scopes = new LinkedHashSet<>();

	private final Set<String> groups = new LinkedHashSet<>();

	private final Map<String, Object> featureFlags = new LinkedHashMap<>();

	private final Map<String, @Nullable Object> claims = new LinkedHashMap<>();

	private @Nullable Instant issuedAt;

	private @Nullable Instant expiresAt;

	private Duration lifetime = DEFAULT_LIFETIME;

	private @Nullable Instant notBefore;

	TestToken(TestIssuer signer, Clock clock) {
		this.signer = signer;
		this.clock = clock;
		this.issuer = signer.issuerUri();
	}

	/**
	 * Claim names to write roles, permissions, scopes, groups and flags under: those the
	 * application reads them from. {@link TestTokens#token()} sets the application's.
	 * @param claimNames the claim names
	 * @return this token
	 */
	public TestToken claimNames(ClaimNames claimNames) {
		this.claimNames = required(claimNames, "claimNames");
		return this;
	}

	/**
	 * The {@code sub} claim; {@code null} leaves it out.
	 * @param subject the subject
	 * @return this token
	 */
	public TestToken subject(@Nullable String subject) {
		this.subject = subject;
		return this;
	}

	/**
	 * The {@code client_id} claim; {@code null} leaves it out.
	 * @param clientId the client id
	 * @return this token
	 */
	public TestToken clientId(@Nullable String clientId) {
		this.clientId = clientId;
		return this;
	}

	/**
	 * The {@code aud} claim, replacing the default (the application's first
	 * {@code identity.audiences} entry under {@link TestTokens#token()}); none leaves it
	 * out.
	 * @param audiences the audiences
	 * @return this token
	 */
	public TestToken audience(String... audiences) {
		this.audiences = List.of(required(audiences, "audiences"));
		return this;
	}

	/**
	 * The {@code iss} claim, for a token that claims another issuer; signed by this
	 * issuer's key all the same.
	 * @param issuer the issuer identifier
	 * @return this token
	 */
	public TestToken issuer(String issuer) {
		this.issuer = required(issuer, "issuer");
		return this;
	}

	/**
	 * The {@code typ} header, {@code at+jwt} by default; {@code null} leaves it out.
	 * @param type the type
	 * @return this token
	 */
	public TestToken type(@Nullable String type) {
		this.type = type;
		return this;
	}

	/**
	 * Roles, added to those already given.
	 * @param roles the roles
	 * @return this token
	 */
	public TestToken roles(String... roles) {
		this.roles.addAll(List.of(required(roles, "roles")));
		return this;
	}

	/**
	 * Permissions, added to those already given.
	 * @param permissions the permissions
	 * @return this token
	 */
	public TestToken permissions(String... permissions) {
		this.permissions.addAll(List.of(required(permissions, "permissions")));
		return this;
	}

	/**
	 * Scopes, added to those already given; written space-separated under {@code scope},
	 * as a list under any other claim name.
	 * @param scopes the scopes
	 * @return this token
	 */
	public TestToken scopes(String... scopes) {
		this.scopes.addAll(List.of(required(scopes, "scopes")));
		return this;
	}

	/**
	 * Groups, added to those already given.
	 * @param groups the groups
	 * @return this token
	 */
	public TestToken groups(String... groups) {
		this.groups.addAll(List.of(required(groups, "groups")));
		return this;
	}

	/**
	 * A feature flag.
	 * @param name the flag's name
	 * @param value its value: a boolean, string, number, list or map
	 * @return this token
	 */
	public TestToken featureFlag(String name, Object value) {
		this.featureFlags.put(required(name, "name"), required(value, "value"));
		return this;
	}

	/**
	 * Any claim, written last, so it replaces what the other methods wrote under that
	 * name; {@code null} leaves the claim out (e.g. {@code claim("exp", null)}).
	 * @param name the claim's name
	 * @param value its value: a string, number, boolean, list or map
	 * @return this token
	 */
	public TestToken claim(String name, @Nullable Object value) {
		this.claims.put(required(name, "name"), value);
		return this;
	}

	/**
	 * The time from {@code iat} to {@code exp}.
	 * @param lifetime the lifetime, e.g. negative for a token that expired
	 * @return this token
	 */
	public TestToken expiresIn(Duration lifetime) {
		this.lifetime = required(lifetime, "lifetime");
		this.expiresAt = null;
		return this;
	}

	/**
	 * A token that expired an hour ago, far outside any clock skew.
	 * @return this token
	 */
	public TestToken expired() {
		Instant now = this.clock.instant();
		this.issuedAt = now.minus(OUT_OF_RANGE.multipliedBy(2));
		this.expiresAt = now.minus(OUT_OF_RANGE);
		return this;
	}

	/**
	 * A token whose {@code nbf} is an hour ahead, far outside any clock skew.
	 * @return this token
	 */
	public TestToken notYetValid() {
		this.notBefore = this.clock.instant().plus(OUT_OF_RANGE);
		return this;
	}

	/**
	 * The {@code nbf} claim.
	 * @param notBefore the time before which the token is not valid
	 * @return this token
	 */
	public TestToken notBefore(Instant notBefore) {
		this.notBefore = required(notBefore, "notBefore");
		return this;
	}

	/**
	 * Sign the token as described so far.
	 * @return the compact JWS
	 * @throws IllegalStateException when roles, permissions, scopes, groups or flags were
	 * given but the claim names read none of that kind
	 */
	public String encode() {
		Instant now = this.clock.instant();
		Instant iat = (this.issuedAt != null) ? this.issuedAt : now;
		Instant exp = (this.expiresAt != null) ? this.expiresAt : iat.plus(this.lifetime);
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(this.subject)
			.audience(this.audiences.isEmpty() ? null : this.audiences)
			.issueTime(Date.from(iat))
			.expirationTime(Date.from(exp))
			.notBeforeTime((this.notBefore != null) ? Date.from(this.notBefore) : null)
			.jwtID(UUID.randomUUID().toString());
		if (this.clientId != null) {
			builder.claim("client_id", this.clientId);
		}
		Map<String, Object> written = new LinkedHashMap<>();
		write(written, "roles", this.claimNames.getRoles(), this.roles.isEmpty() ? null : List.copyOf(this.roles));
		write(written, "permissions", this.claimNames.getPermissions(),
				this.permissions.isEmpty() ? null : List.copyOf(this.permissions));
		write(written, "groups", this.claimNames.getGroups(), this.groups.isEmpty() ? null : List.copyOf(this.groups));
		write(written, "feature-flags", this.claimNames.getFeatureFlags(),
				this.featureFlags.isEmpty() ? null : Map.copyOf(this.featureFlags));
		List<String> scopePaths = this.claimNames.getScopes();
		if (!this.scopes.isEmpty() && !scopePaths.isEmpty() && "scope".equals(scopePaths.get(0))) {
			// RFC 9068 section 2.2.3: one space-separated string.
			written.put("scope", String.join(" ", this.scopes));
		}
		else {
			write(written, "scopes", scopePaths, this.scopes.isEmpty() ? null : List.copyOf(this.scopes));
		}
		written.forEach(builder::claim);
		this.claims.forEach(builder::claim);
		return this.signer.sign(builder.build(), this.type);
	}

	@Override
	public String toString() {
		return "TestToken[iss=" + this.issuer + ", sub=" + this.subject + ", aud=" + this.audiences + ", roles="
				+ this.roles + ", permissions=" + this.permissions + ", scopes=" + this.scopes + "]";
	}

	/**
	 * Write a value under the first claim path of its kind: nested objects for a dotted
	 * path, one claim for a name holding '/' (a namespaced claim such as
	 * {@code https://example.com/roles}).
	 */
	private static void write(Map<String, Object> claims, String kind, List<String> paths, @Nullable Object value) {
		if (value == null) {
			return;
		}
		if (paths.isEmpty()) {
			throw new IllegalStateException("The claim names read no " + kind + " (identity.claims." + kind
					+ ".claim-names is empty or the preset has none): name one there, or write the claim with claim()");
		}
		String path = paths.get(0);
		List<String> segments = path.contains("/") ? List.of(path) : List.of(path.split("\\."));
		Map<String, Object> parent = claims;
		for (String segment : segments.subList(0, segments.size() - 1)) {
			parent = child(parent, segment);
		}
		parent.put(segments.get(segments.size() - 1), value);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> child(Map<String, Object> parent, String name) {
		Object existing = parent.get(name);
		if (existing instanceof Map<?, ?> map) {
			return (Map<String, Object>) map;
		}
		Map<String, Object> child = new LinkedHashMap<>();
		parent.put(name, child);
		return child;
	}

	private static <T> T required(@Nullable T value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		if (value instanceof Object[] array) {
			for (Object element : array) {
				if (element == null) {
					throw new IllegalArgumentException(name + " must not contain null");
				}
			}
		}
		return value;
	}

}
