package dev.identity.browser.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import dev.identity.login.internal.PendingLogin;
import org.jspecify.annotations.Nullable;

/**
 * Seals a {@link PendingLogin} into a cookie value and opens it again: AES-GCM (JCA)
 * under the application's key, so the browser can neither read the {@code nonce} and code
 * verifier nor change any value. The cookie's name is authenticated with it, so a value
 * moved to another name does not open.
 * <p>
 * A value is {@code base64url(version || iv || ciphertext || tag)}; the plaintext is a
 * compact binary form of the login (no Java serialization), which keeps a login with the
 * longest {@code returnTo} inside a browser's 4 KB per cookie.
 */
final class PendingLoginCodec {

	private static final byte VERSION = 1;

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final int IV_BYTES = 12;

	private static final int TAG_BYTES = 16;

	/**
	 * Longest value opened, in characters: a browser keeps no cookie over 4096 bytes,
	 * name and value together, so a longer one was not set by this application.
	 */
	static final int MAX_VALUE_LENGTH = 4096;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecretKey key;

	private final SecureRandom random;

	PendingLoginCodec(SecretKey key, SecureRandom random) {
		this.key = Objects.requireNonNull(key, "key");
		this.random = Objects.requireNonNull(random, "random");
	}

	/**
	 * Seal a login.
	 * @param login the login
	 * @param name the name of the cookie that will carry it
	 * @return the cookie value
	 */
	String seal(PendingLogin login, String name) {
		byte[] plaintext = encode(login);
		byte[] sealed = new byte[1 + IV_BYTES + plaintext.length + TAG_BYTES];
		sealed[0] = VERSION;
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		System.arraycopy(iv, 0, sealed, 1, IV_BYTES);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, name);
			cipher.doFinal(plaintext, 0, plaintext.length, sealed, 1 + IV_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is unavailable: " + ex.getMessage(), ex);
		}
		return ENCODER.encodeToString(sealed);
	}

	/**
	 * The length of the value {@link #seal} makes of a login, without sealing it.
	 * @param login the login
	 * @return the number of characters
	 */
	int sealedLength(PendingLogin login) {
		int bytes = 1 + IV_BYTES + encode(login).length + TAG_BYTES;
		return (bytes * 4 + 2) / 3;
	}

	/**
	 * Open a value sealed under this key for this name.
	 * @param value the cookie value, or {@code null}
	 * @param name the cookie name
	 * @return the login, or {@code null} when the value is missing, malformed, longer
	 * than {@value #MAX_VALUE_LENGTH} characters, was sealed under another key or for
	 * another name, or was changed
	 */
	@Nullable PendingLogin open(@Nullable String value, String name) {
		byte[] sealed = sealedBytes(value);
		return (sealed != null) ? decrypt(sealed, name) : null;
	}

	/**
	 * The bytes of a sealed value, checked for form only: no decryption, so a caller can
	 * bound the decryptions a request costs by counting only the values that pass.
	 * @param value the cookie value, or {@code null}
	 * @return the bytes, or {@code null} when the value is missing, longer than
	 * {@value #MAX_VALUE_LENGTH} characters, not base64url, too short or of another
	 * version
	 */
	static byte @Nullable [] sealedBytes(@Nullable String value) {
		// Length first: a value no browser would keep is not decoded at all.
		if (value == null || value.length() > MAX_VALUE_LENGTH) {
			return null;
		}
		byte[] sealed;
		try {
			sealed = DECODER.decode(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		return (sealed.length >= 1 + IV_BYTES + TAG_BYTES && sealed[0] == VERSION) ? sealed : null;
	}

	/**
	 * Decrypt bytes that {@link #sealedBytes} accepted.
	 * @param sealed the bytes
	 * @param name the cookie name
	 * @return the login, or {@code null} when they were sealed under another key or for
	 * another name, or changed
	 */
	@Nullable PendingLogin decrypt(byte[] sealed, String name) {
		try {
			byte[] iv = new byte[IV_BYTES];
			System.arraycopy(sealed, 1, iv, 0, IV_BYTES);
			byte[] plaintext = cipher(Cipher.DECRYPT_MODE, iv, name).doFinal(sealed, 1 + IV_BYTES,
					sealed.length - 1 - IV_BYTES);
			return decode(plaintext);
		}
		catch (GeneralSecurityException | IllegalArgumentException | IOException | DateTimeException
				| ArithmeticException ex) {
			// Another key (a restart, another instance), another name, or a changed
			// value: no login of ours.
			return null;
		}
	}

	private Cipher cipher(int mode, byte[] iv, String name) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance(TRANSFORMATION);
		cipher.init(mode, this.key, new GCMParameterSpec(TAG_BYTES * 8, iv));
		cipher.updateAAD(new byte[] { VERSION });
		cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

	private static byte[] encode(PendingLogin login) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeUTF(login.issuer());
			out.writeBoolean(login.issuerParameterRequired());
			out.writeUTF(login.redirectUri().toString());
			out.writeUTF(login.state());
			out.writeUTF(login.nonce());
			out.writeUTF(login.codeVerifier());
			Duration maxAge = login.maxAuthenticationAge();
			out.writeBoolean(maxAge != null);
			if (maxAge != null) {
				out.writeLong(maxAge.getSeconds());
				out.writeInt(maxAge.getNano());
			}
			String returnTo = login.returnTo();
			out.writeBoolean(returnTo != null);
			if (returnTo != null) {
				out.writeUTF(returnTo);
			}
			out.writeLong(login.createdAt().getEpochSecond());
			out.writeInt(login.createdAt().getNano());
		}
		catch (IOException ex) {
			// Only a value longer than 64 KB, which no login has.
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static PendingLogin decode(byte[] plaintext) throws IOException {
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext));
		String issuer = in.readUTF();
		boolean issuerParameterRequired = in.readBoolean();
		URI redirectUri = URI.create(in.readUTF());
		String state = in.readUTF();
		String nonce = in.readUTF();
		String codeVerifier = in.readUTF();
		Duration maxAge = in.readBoolean() ? Duration.ofSeconds(in.readLong(), in.readInt()) : null;
		String returnTo = in.readBoolean() ? in.readUTF() : null;
		Instant createdAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
		if (in.available() != 0) {
			throw new IOException("trailing bytes");
		}
		// The constructor checks every value again, as for a login just started.
		return new PendingLogin(issuer, issuerParameterRequired, redirectUri, state, nonce, codeVerifier, maxAge,
				returnTo, createdAt);
	}

}
