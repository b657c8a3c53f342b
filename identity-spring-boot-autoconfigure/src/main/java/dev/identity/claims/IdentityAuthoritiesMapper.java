package dev.identity.claims;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.identity.core.ValidatedToken;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Spring Security authorities of a validated token: each scope, role, permission and
 * group becomes one authority, its kind's prefix followed by the value as the provider
 * sends it.
 * <p>
 * The defaults follow Spring Security: {@value #DEFAULT_SCOPE_PREFIX} as for
 * {@code hasAuthority('SCOPE_orders:read')} and {@value #DEFAULT_ROLE_PREFIX} as for
 * {@code hasRole('admin')}. Permissions and groups get prefixes of their own,
 * {@value #DEFAULT_PERMISSION_PREFIX} and {@value #DEFAULT_GROUP_PREFIX}, so that a value
 * of one kind can never pass for another (a permission named {@code ROLE_admin} is not
 * the role {@code admin}). An empty prefix gives up that separation.
 * <p>
 * Authorities come in a stable order (scopes, roles, permissions, groups, each in token
 * order) without duplicates.
 */
public final class IdentityAuthoritiesMapper implements Converter<ValidatedToken, Collection<GrantedAuthority>> {

	/**
	 * Prefix of scope authorities, as Spring Security's
	 * {@code JwtGrantedAuthoritiesConverter}.
	 */
	public static final String DEFAULT_SCOPE_PREFIX = "SCOPE_";

	/** Prefix of role authorities, the one {@code hasRole} expects. */
	public static final String DEFAULT_ROLE_PREFIX = "ROLE_";

	/** Prefix of permission authorities. */
	public static final String DEFAULT_PERMISSION_PREFIX = "PERMISSION_";

	/** Prefix of group authorities. */
	public static final String DEFAULT_GROUP_PREFIX = "GROUP_";

	private final ClaimsReader reader;

	private final String scopePrefix;

	private final String rolePrefix;

	private final String permissionPrefix;

	private final String groupPrefix;

	private IdentityAuthoritiesMapper(Builder builder) {
		this.reader = builder.reader;
		this.scopePrefix = builder.scopePrefix;
		this.rolePrefix = builder.rolePrefix;
		this.permissionPrefix = builder.permissionPrefix;
		this.groupPrefix = builder.groupPrefix;
	}

	/**
	 * Start from the reader of the claims, with the default prefixes.
	 * @param reader the claims reader
	 * @return a builder
	 */
	public static Builder withClaimsReader(ClaimsReader reader) {
		Objects.requireNonNull(reader, "reader");
		return new Builder(reader);
	}

	/**
	 * The authorities of a validated token.
	 * @param token the validated token
	 * @return the authorities, read-only, empty when the token carries none
	 */
	@Override
	public Collection<GrantedAuthority> convert(ValidatedToken token) {
		TokenClaims claims = this.reader.read(token);
		Set<String> names = new LinkedHashSet<>();
		add(names, this.scopePrefix, claims.scopes());
		add(names, this.rolePrefix, claims.roles());
		add(names, this.permissionPrefix, claims.permissions());
		add(names, this.groupPrefix, claims.groups());
		List<GrantedAuthority> authorities = new ArrayList<>(names.size());
		for (String name : names) {
			authorities.add(new SimpleGrantedAuthority(name));
		}
		return Collections.unmodifiableList(authorities);
	}

	/** Reader of the claims the authorities come from. */
	public ClaimsReader getClaimsReader() {
		return this.reader;
	}

	private static void add(Set<String> names, String prefix, Set<String> values) {
		for (String value : values) {
			names.add(prefix + value);
		}
	}

	@Override
	public String toString() {
		return "IdentityAuthoritiesMapper[scopePrefix=" + this.scopePrefix + ", rolePrefix=" + this.rolePrefix
				+ ", permissionPrefix=" + this.permissionPrefix + ", groupPrefix=" + this.groupPrefix + "]";
	}

	/**
	 * Builder for {@link IdentityAuthoritiesMapper}; a prefix may be empty, never
	 * {@code null}.
	 */
	public static final class Builder {

		private final ClaimsReader reader;

		private String scopePrefix = DEFAULT_SCOPE_PREFIX;

		private String rolePrefix = DEFAULT_ROLE_PREFIX;

		private String permissionPrefix = DEFAULT_PERMISSION_PREFIX;

		private String groupPrefix = DEFAULT_GROUP_PREFIX;

		private Builder(ClaimsReader reader) {
			this.reader = reader;
		}

		public Builder scopePrefix(String prefix) {
			this.scopePrefix = Objects.requireNonNull(prefix, "scopePrefix");
			return this;
		}

		public Builder rolePrefix(String prefix) {
			this.rolePrefix = Objects.requireNonNull(prefix, "rolePrefix");
			return this;
		}

		public Builder permissionPrefix(String prefix) {
			this.permissionPrefix = Objects.requireNonNull(prefix, "permissionPrefix");
			return this;
		}

		public Builder groupPrefix(String prefix) {
			this.groupPrefix = Objects.requireNonNull(prefix, "groupPrefix");
			return this;
		}

		public IdentityAuthoritiesMapper build() {
			return new IdentityAuthoritiesMapper(this);
		}

	}

}
