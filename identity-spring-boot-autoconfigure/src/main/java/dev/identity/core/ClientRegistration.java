package dev.identity.core;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

import com.nimbusds.jose.jwk.JWK;
import dev.identity.core.internal.CoreAccess;
import org.jspecify.annotations.Nullable;

/**
 * This application as an OAuth client of the provider: its id and how it authenticates.
 * The secret and private key never appear in {@link #toString()}.
 */
public final class ClientRegistration {

	static {
		// The token endpoint reads the credentials; they are on no public method.
		CoreAccess.register(new CoreAccess.Clients() {

			@Override
			public @Nullable String clientSecret(ClientRegistration client) {
				return client.clientSecret();
			}

			@Override
			public @Nullable JWK privateKey(ClientRegistration client) {
				return client.privateKey();
			}

			@Override
			public String newAssertionId(ClientRegistration client) {
				return client.newAssertionId();
			}

		});
	}

	private final String clientId;

	private final @Nullable String clientSecret;

	private final ClientAuthenticationMethod method;

	private final @Nullable JWK privateKey;

	// Seeded when the registration is built (at start-up): drawing a jti later needs no
	// I/O, so a
	// client assertion can be signed on an event loop. The platform default would read
	// /dev/urandom.
	private final @Nullable SecureRandom random;

	private ClientRegistration(String clientId, @Nullable String clientSecret, ClientAuthenticationMethod method,
			@Nullable JWK privateKey) {
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.method = method;
		this.privateKey = privateKey;
		this.random = (privateKey != null) ? seededRandom() : null;
	}

	private static SecureRandom seededRandom() {
		try {
			SecureRandom random = SecureRandom.getInstance("DRBG");
			random.nextBytes(new byte[16]);
			return random;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("the DRBG SecureRandom is required of Java 9 and later", ex);
		}
	}

	/** A fresh unique id for a client assertion's {@code jti}. */
	String newAssertionId() {
		SecureRandom random = this.random;
		if (random == null) {
			throw new IllegalStateException(
					"client assertions need a private_key_jwt registration; " + this + " has no private key");
		}
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * A confidential client authenticating with a secret.
	 * @param clientId the client id
	 * @param clientSecret the secret
	 * @param method {@link ClientAuthenticationMethod#CLIENT_SECRET_BASIC} or
	 * {@link ClientAuthenticationMethod#CLIENT_SECRET_POST}
	 * @return the registration
	 */
	public static ClientRegistration withSecret(String clientId, String clientSecret,
			ClientAuthenticationMethod method) {
		requireText(clientId, "client id");
		requireText(clientSecret, "client secret");
		if (method != ClientAuthenticationMethod.CLIENT_SECRET_BASIC
				&& method != ClientAuthenticationMethod.CLIENT_SECRET_POST) {
			throw new IllegalArgumentException(method + " does not authenticate with a client secret");
		}
		return new ClientRegistration(clientId, clientSecret, method, null);
	}

	/**
	 * A confidential client authenticating with a signed JWT (RFC 7523).
	 * @param clientId the client id
	 * @param privateKey an RSA or EC private JWK
	 * @return the registration
	 */
	public static ClientRegistration withPrivateKey(String clientId, JWK privateKey) {
		requireText(clientId, "client id");
		Objects.requireNonNull(privateKey, "privateKey");
		if (!privateKey.isPrivate()) {
			throw new IllegalArgumentException("private_key_jwt needs a private key; the JWK holds only a public key");
		}
		return new ClientRegistration(clientId, null, ClientAuthenticationMethod.PRIVATE_KEY_JWT, privateKey);
	}

	/**
	 * A public client (no secret), e.g. for the authorization-code flow with PKCE.
	 * @param clientId the client id
	 * @return the registration
	 */
	public static ClientRegistration publicClient(String clientId) {
		requireText(clientId, "client id");
		return new ClientRegistration(clientId, null, ClientAuthenticationMethod.NONE, null);
	}

	public String getClientId() {
		return this.clientId;
	}

	public ClientAuthenticationMethod getMethod() {
		return this.method;
	}

	@Nullable String clientSecret() {
		return this.clientSecret;
	}

	@Nullable JWK privateKey() {
		return this.privateKey;
	}

	private static void requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	@Override
	public String toString() {
		return "ClientRegistration[clientId=" + this.clientId + ", method=" + this.method + "]";
	}

}
