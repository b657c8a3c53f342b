package dev.identity.core.internal;

import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import dev.identity.core.ClaimRule;
import dev.identity.core.ClientRegistration;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.ValidatedToken;
import dev.identity.core.ValidationPolicy;
import org.jspecify.annotations.Nullable;

/**
 * What the library's own packages may do with core types and applications may not: create
 * a {@link ValidatedToken} (only the verifier and introspection may vouch for a token),
 * read a policy's rules as the arrays the per-token loop runs, and read a client's
 * credentials. Each core type hands over its part when it is initialized, as the JDK's
 * shared secrets do, so none of this is on the core types' public API.
 */
public final class CoreAccess {

	private static volatile @Nullable Tokens tokens;

	private static volatile @Nullable Policies policies;

	private static volatile @Nullable Clients clients;

	private CoreAccess() {
	}

	/** Creates validated tokens. */
	public interface Tokens {

		ValidatedToken create(String tokenValue, @Nullable JwsAlgorithm algorithm, @Nullable String keyId,
				@Nullable String type, Map<String, Object> claims, Instant expiresAt, boolean owned);

	}

	/**
	 * Reads a policy's rules for the per-token loop (the arrays themselves: never change
	 * them).
	 */
	public interface Policies {

		ClaimRule[] builtInRules(ValidationPolicy policy);

		ClaimRule[] applicationRules(ValidationPolicy policy);

	}

	/** Reads a client's credentials for the token endpoint. */
	public interface Clients {

		@Nullable String clientSecret(ClientRegistration client);

		@Nullable JWK privateKey(ClientRegistration client);

		String newAssertionId(ClientRegistration client);

	}

	public static Tokens tokens() {
		Tokens current = tokens;
		if (current == null) {
			initialize(ValidatedToken.class);
			current = tokens;
		}
		return require(current, ValidatedToken.class);
	}

	public static Policies policies() {
		Policies current = policies;
		if (current == null) {
			initialize(ValidationPolicy.class);
			current = policies;
		}
		return require(current, ValidationPolicy.class);
	}

	public static Clients clients() {
		Clients current = clients;
		if (current == null) {
			initialize(ClientRegistration.class);
			current = clients;
		}
		return require(current, ClientRegistration.class);
	}

	/**
	 * Called once, by {@link ValidatedToken} as it is initialized.
	 * @param access the access
	 */
	public static void register(Tokens access) {
		// The owner is initialized first, so its own registration always comes first.
		initialize(ValidatedToken.class);
		if (tokens != null) {
			throw new IllegalStateException("token access is registered by ValidatedToken alone");
		}
		tokens = access;
	}

	/**
	 * Called once, by {@link ValidationPolicy} as it is initialized.
	 * @param access the access
	 */
	public static void register(Policies access) {
		initialize(ValidationPolicy.class);
		if (policies != null) {
			throw new IllegalStateException("policy access is registered by ValidationPolicy alone");
		}
		policies = access;
	}

	/**
	 * Called once, by {@link ClientRegistration} as it is initialized.
	 * @param access the access
	 */
	public static void register(Clients access) {
		initialize(ClientRegistration.class);
		if (clients != null) {
			throw new IllegalStateException("client access is registered by ClientRegistration alone");
		}
		clients = access;
	}

	private static void initialize(Class<?> type) {
		try {
			// A no-op while the type's own initializer runs on this thread.
			Class.forName(type.getName(), true, type.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(type.getName() + " cannot be loaded", ex);
		}
	}

	private static <T> T require(@Nullable T access, Class<?> owner) {
		if (access == null) {
			throw new IllegalStateException(owner.getName() + " did not register its access");
		}
		return access;
	}

}
