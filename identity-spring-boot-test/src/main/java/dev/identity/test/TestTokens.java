package dev.identity.test;

import dev.identity.test.internal.LocalIssuers;
import dev.identity.test.internal.TokenDefaults;

/**
 * Tokens of the current test's local issuer, for static import: <pre>
 * mvc.perform(post("/api/notes").with(bearer(token().permissions("notes:write")))...
 * </pre>
 */
public final class TestTokens {

	private TestTokens() {
	}

	/**
	 * A token of the local issuer of the running test (a class annotated with
	 * {@link LocalIssuer @LocalIssuer}), for the audience the application expects (the
	 * first of {@code identity.audiences}) and written under the claim names it reads
	 * ({@code identity.claims.*}).
	 * @return a token builder, signed by {@link TestToken#encode()}
	 * @throws IllegalStateException outside such a test, unless exactly one local issuer
	 * is running
	 */
	public static TestToken token() {
		TokenDefaults defaults = TokenDefaults.current();
		return (defaults != null) ? defaults.token() : LocalIssuers.only().token();
	}

	/**
	 * The local issuer of the running test.
	 * @return the issuer
	 * @throws IllegalStateException outside a test of a class annotated with
	 * {@link LocalIssuer @LocalIssuer}, unless exactly one local issuer is running
	 */
	public static TestIssuer issuer() {
		TokenDefaults defaults = TokenDefaults.current();
		return (defaults != null) ? defaults.issuer() : LocalIssuers.only();
	}

}
