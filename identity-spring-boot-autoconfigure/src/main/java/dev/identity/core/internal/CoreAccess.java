package dev.identity.core.internal;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import com.nimbusds.jose.jwk.JWK;
import dev.identity.core.ClaimRule;
import dev.identity.core.ClientRegistration;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.ValidatedToken;
import dev.identity.core.ValidationPolicy;
import dev.identity.core.VerificationKey;
import dev.identity.core.internal.validation.SignaturePool;
import org.jspecify.annotations.Nullable;

/**
 * What the library's own packages may do with core types and applications may not: create
 * a {@link ValidatedToken} (only the verifier and introspection may vouch for a token),
 * read a policy's rules as the arrays the per-token loop runs, read a client's
 * credentials, and reach a key's idle {@code Signature} objects. Each core type hands
 * over its part when it is initialized, as the JDK's shared secrets do, so none of this
 * is on the core types' public API.
 */
public final class CoreAccess {

	private static volatile @Nullable Tokens tokens;

	private static volatile @Nullable Policies policies;

	private static volatile @Nullable Clients clients;

	private static volatile @Nullable Keys keys;

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

	/** Registered by {@link VerificationKey}. */
	public interface Keys {

		/**
		 * The key's idle {@code Signature} objects.
		 * @param key the key
		 * @return its pool, one per key
		 */
		SignaturePool signatures(VerificationKey key);

	}

	public static Tokens tokens() {
		return access(() -> tokens, ValidatedToken.class);
	}

	public static Policies policies() {
		return access(() -> policies, ValidationPolicy.class);
	}

	public static Clients clients() {
		return access(() -> clients, ClientRegistration.class);
	}

	/** The access {@link VerificationKey} registered. */
	public static Keys keys() {
		return access(() -> keys, VerificationKey.class);
	}

	/**
	 * Called once, by {@link ValidatedToken} as it is initialized.
	 * @param access the access
	 */
	public static void register(Tokens access) {
		first(() -> tokens, ValidatedToken.class);
		tokens = access;
	}

	/**
	 * Called once, by {@link ValidationPolicy} as it is initialized.
	 * @param access the access
	 */
	public static void register(Policies access) {
		first(() -> policies, ValidationPolicy.class);
		policies = access;
	}

	/**
	 * Called once, by {@link ClientRegistration} as it is initialized.
	 * @param access the access
	 */
	public static void register(Clients access) {
		first(() -> clients, ClientRegistration.class);
		clients = access;
	}

	/**
	 * Called once, by {@link VerificationKey}'s initializer.
	 * @param access the access
	 */
	public static void register(Keys access) {
		first(() -> keys, VerificationKey.class);
		keys = access;
	}

	private static <T> T access(Supplier<@Nullable T> field, Class<?> owner) {
		T current = field.get();
		if (current == null) {
			initialize(owner);
			current = field.get();
		}
		return require(current, owner);
	}

	/** The owner is initialized first, so its own registration always comes first. */
	private static void first(Supplier<@Nullable Object> field, Class<?> owner) {
		initialize(owner);
		if (field.get() != null) {
			throw new IllegalStateException("this access is registered by " + owner.getSimpleName() + " alone");
		}
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
