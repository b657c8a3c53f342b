package dev.identity.core;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.identity.core.internal.FailureReason;
import dev.identity.core.internal.LogSafeText;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of verification keys, indexed by {@code kid}.
 */
public final class KeySet {

	private static final KeySet EMPTY = new KeySet(Map.of(), List.of(), List.of());

	private final Map<String, VerificationKey> byId;

	private final List<VerificationKey> all;

	private final List<String> ignored;

	private KeySet(Map<String, VerificationKey> byId, List<VerificationKey> all, List<String> ignored) {
		this.byId = byId;
		this.all = all;
		this.ignored = ignored;
	}

	public static KeySet empty() {
		return EMPTY;
	}

	/**
	 * Build a key set from keys.
	 * @param keys the keys; on duplicate {@code kid}s the first wins
	 * @return the key set
	 */
	public static KeySet of(Collection<VerificationKey> keys) {
		Map<String, VerificationKey> byId = new LinkedHashMap<>();
		for (VerificationKey key : keys) {
			if (key.getKeyId() != null) {
				byId.putIfAbsent(key.getKeyId(), key);
			}
		}
		return new KeySet(Collections.unmodifiableMap(byId), List.copyOf(keys), List.of());
	}

	/**
	 * Parse a JWK set document (RFC 7517 §5) with Nimbus and keep the keys usable for
	 * verifying signatures.
	 * <p>
	 * Keys that cannot verify signatures are left out: symmetric keys and key types or
	 * curves not understood quietly, and keys that are malformed (a required member
	 * missing, a value out of range, a point not on its curve) with a description in
	 * {@link #ignored()}, as RFC 7517 §5 asks. One broken key therefore does not take the
	 * provider's other keys with it.
	 * @param json the document
	 * @return the key set
	 * @throws IllegalArgumentException when the document is malformed or holds no usable
	 * key; the message says which, and names the keys left out
	 */
	public static KeySet parse(String json) {
		Map<String, Object>[] members;
		try {
			Map<String, Object> document = JSONObjectUtils.parse(json);
			members = JSONObjectUtils.getJSONObjectArray(document, "keys");
			if (members == null) {
				throw new ParseException("missing required \"keys\" member", 0);
			}
		}
		catch (ParseException | RuntimeException ex) {
			throw new IllegalArgumentException("malformed JWK set: " + ex.getMessage(), ex);
		}
		List<VerificationKey> keys = new ArrayList<>();
		Ignored ignored = new Ignored();
		for (Map<String, Object> member : members) {
			if (member == null) {
				ignored.add("null member");
				continue;
			}
			JWK jwk;
			try {
				jwk = JWK.parse(member);
			}
			catch (ParseException | RuntimeException ex) {
				if (!unsupportedType(ex)) {
					ignored.add(describe(member) + ": " + reason(ex));
				}
				continue;
			}
			try {
				VerificationKey key = VerificationKey.from(jwk);
				if (key != null) {
					keys.add(key);
				}
			}
			catch (JOSEException | RuntimeException ex) {
				ignored.add(describe(member) + ": " + reason(ex));
			}
		}
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("JWK set holds no asymmetric public key (" + members.length
					+ " keys in the document" + (ignored.isEmpty() ? "" : "; malformed: " + ignored) + ")");
		}
		KeySet parsed = of(keys);
		return new KeySet(parsed.byId, parsed.all, ignored.descriptions());
	}

	/**
	 * Nimbus's way of saying the {@code kty} or the curve is not one it knows: such keys
	 * are skipped quietly, as Nimbus's own {@code JWKSet.parse} skips unknown key types.
	 */
	private static boolean unsupportedType(Exception ex) {
		String message = ex.getMessage();
		return ex instanceof ParseException && message != null
				&& (message.startsWith("Unsupported key type") || message.startsWith("Unknown / unsupported curve"));
	}

	private static String reason(Exception ex) {
		return LogSafeText.of(FailureReason.of(ex), 200);
	}

	private static String describe(Map<String, Object> member) {
		Object kid = member.get("kid");
		Object kty = member.get("kty");
		return "key " + ((kid instanceof String id) ? "'" + LogSafeText.of(id) + "'" : "without kid")
				+ ((kty instanceof String type) ? " (" + LogSafeText.of(type, 16) + ")" : "");
	}

	/**
	 * The key with the given ID.
	 * @param keyId the {@code kid}
	 * @return the key, or {@code null}
	 */
	public @Nullable VerificationKey get(String keyId) {
		return this.byId.get(keyId);
	}

	/**
	 * Keys that may verify a token with the given algorithm.
	 * @param algorithm the algorithm
	 * @return the fitting keys
	 */
	public List<VerificationKey> fitting(JwsAlgorithm algorithm) {
		List<VerificationKey> result = new ArrayList<>(1);
		for (VerificationKey key : this.all) {
			if (key.fits(algorithm)) {
				result.add(key);
			}
		}
		return result;
	}

	/** Whether the set holds the given {@code kid}. */
	public boolean contains(String keyId) {
		return this.byId.containsKey(keyId);
	}

	/** Every key, in document order. */
	public List<VerificationKey> keys() {
		return this.all;
	}

	public int size() {
		return this.all.size();
	}

	public boolean isEmpty() {
		return this.all.isEmpty();
	}

	/**
	 * The keys of the parsed document that were left out because they are malformed, each
	 * as "key 'kid' (kty): reason"; empty for a set built from keys.
	 * @return the descriptions
	 */
	public List<String> ignored() {
		return this.ignored;
	}

	@Override
	public String toString() {
		StringBuilder result = new StringBuilder("KeySet[");
		int index = 0;
		for (String keyId : this.byId.keySet()) {
			result.append((index++ > 0) ? ", " : "").append(LogSafeText.of(keyId));
		}
		return result.append(']').toString();
	}

	/**
	 * The descriptions of the keys left out, bounded: a document may hold thousands of
	 * broken keys.
	 */
	private static final class Ignored {

		private static final int KEPT = 10;

		private final List<String> descriptions = new ArrayList<>();

		private int count;

		void add(String description) {
			if (this.count++ < KEPT) {
				this.descriptions.add(description);
			}
		}

		boolean isEmpty() {
			return this.count == 0;
		}

		List<String> descriptions() {
			List<String> result = new ArrayList<>(this.descriptions);
			if (this.count > KEPT) {
				result.add("and " + (this.count - KEPT) + " more");
			}
			return List.copyOf(result);
		}

		@Override
		public String toString() {
			return String.join("; ", descriptions());
		}

	}

}
