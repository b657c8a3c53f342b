package dev.identity.test.internal;

import java.util.List;

import dev.identity.claims.ClaimNames;
import dev.identity.claims.ClaimsPreset;
import dev.identity.claims.IdentityClaimsProperties;
import dev.identity.test.TestIssuer;
import dev.identity.test.TestToken;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What a test's tokens take from the application under test: the issuer, the audience its
 * validator expects (the first of {@code identity.audiences}, or of the named issuer's
 * own), and the claim names its claims reader reads roles, permissions, scopes and flags
 * from ({@code identity.claims.*}, with a named issuer's {@code claims-preset}).
 *
 * @param issuer the local issuer
 * @param audience the audience, {@code null} when the application checks none
 * @param claimNames the claim names
 */
public record TokenDefaults(TestIssuer issuer, @Nullable String audience, ClaimNames claimNames) {

	private static final ThreadLocal<TokenDefaults> current = new ThreadLocal<>();

	/**
	 * The defaults of an issuer outside a Spring test: no audience, the generic claim
	 * names.
	 * @param issuer the local issuer
	 * @return the defaults
	 */
	public static TokenDefaults of(TestIssuer issuer) {
		return new TokenDefaults(issuer, null, ClaimNames.withPreset(ClaimsPreset.GENERIC).build());
	}

	/**
	 * The defaults an application's properties give.
	 * @param issuer the local issuer
	 * @param name the issuer's name under {@code identity.issuers}, empty for
	 * {@code identity.issuer-uri}
	 * @param environment the application's environment
	 * @return the defaults
	 */
	public static TokenDefaults of(TestIssuer issuer, String name, Environment environment) {
		Binder binder = Binder.get(environment);
		String prefix = name.isEmpty() ? null : LocalIssuerProperty.namedPrefix(name);
		Bindable<List<String>> list = Bindable.listOf(String.class);
		List<String> audiences = (prefix != null) ? binder.bind(prefix + ".audiences", list).orElse(null) : null;
		if (audiences == null) {
			audiences = binder.bind("identity.audiences", list).orElse(List.of());
		}
		IdentityClaimsProperties claims = binder.bind("identity.claims", IdentityClaimsProperties.class)
			.orElseGet(IdentityClaimsProperties::new);
		if (prefix != null) {
			binder.bind(prefix + ".claims-preset", ClaimsPreset.class).ifBound(claims::setPreset);
		}
		return new TokenDefaults(issuer, audiences.isEmpty() ? null : audiences.get(0), claims.toClaimNames());
	}

	/**
	 * A token with these defaults.
	 * @return the token builder
	 */
	public TestToken token() {
		TestToken token = this.issuer.token().claimNames(this.claimNames);
		return (this.audience != null) ? token.audience(this.audience) : token;
	}

	/**
	 * The defaults of the test running on this thread.
	 * @return the defaults, or {@code null} outside a test method of a class annotated
	 * with {@code @LocalIssuer}
	 */
	public static @Nullable TokenDefaults current() {
		return current.get();
	}

	static void setCurrent(@Nullable TokenDefaults defaults) {
		if (defaults == null) {
			current.remove();
		}
		else {
			current.set(defaults);
		}
	}

}
