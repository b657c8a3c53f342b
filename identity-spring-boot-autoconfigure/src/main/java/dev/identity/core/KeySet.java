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
import com.nimbusds.jose.jwk.JWKSet;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of verification keys, indexed by {@code kid}.
 */
public final class KeySet {

	private static final KeySet EMPTY = new KeySet(Map.of(), List.of());

	private final Map<String, VerificationKey> byId;

	private final List<VerificationKey> all;

	private KeySet(Map<String, VerificationKey> byId, List<VerificationKey> all) {
		this.byId = byId;
		this.all = all;
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
		return new KeySet(Collections.unmodifiableMap(byId), List.copyOf(keys));
	}

	/**
	 * Parse a JWK set document (RFC 7517 §5) with Nimbus and keep the keys usable for verifying
	 * signatures.
	 * @param json the document
	 * @return the key set
	 * @throws IllegalArgumentException when the document is malformed or holds no usable key; the message
	 * says which
	 */
	public static KeySet parse(String json) {
		JWKSet set;
		try {
			set = JWKSet.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("malformed JWK set: " + ex.getMessage(), ex);
		}
		List<VerificationKey> keys = new ArrayList<>();
		for (JWK jwk : set.getKeys()) {
			try {
				VerificationKey key = VerificationKey.from(jwk);
				if (key != null) {
					keys.add(key);
				}
			}
			catch (JOSEException ex) {
				throw new IllegalArgumentException("unusable key '" + jwk.getKeyID() + "' in JWK set: " + ex.getMessage(),
						ex);
			}
		}
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("JWK set holds no asymmetric public key (" + set.getKeys().size()
					+ " keys in the document)");
		}
		return of(keys);
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

	@Override
	public String toString() {
		return "KeySet" + this.byId.keySet();
	}

}
