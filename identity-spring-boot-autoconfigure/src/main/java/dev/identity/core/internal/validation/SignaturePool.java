package dev.identity.core.internal.validation;

import java.security.Signature;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.identity.core.JwsAlgorithm;
import org.jspecify.annotations.Nullable;

/**
 * {@link Signature} objects of one key, initialised for verifying and idle, kept for the
 * next token: {@code verify} leaves a {@code Signature} as {@code initVerify} did, so the
 * provider look-up, the key's conversion and the digest's creation are done once per key
 * and slot, not once per token.
 * <p>
 * It holds the objects of the first algorithm a valid signature was verified with by the
 * key, which for a key is almost always its only one; another algorithm's objects are
 * made for each token and not kept. Only a valid signature chooses: a forged token of
 * another algorithm (the key's {@code kid} is public) cannot take the pool from the
 * tokens the provider signs. It holds at most {@value #SLOTS} of them: a caller finding
 * none idle makes its own, and one finding every slot taken drops it. Taking and giving
 * back take no lock and allocate nothing. An object whose verification threw is not given
 * back.
 */
public final class SignaturePool {

	/** Idle objects kept at most: more than threads verify at once on most hosts. */
	static final int SLOTS = 8;

	private final AtomicReference<@Nullable JwsAlgorithm> algorithm = new AtomicReference<>();

	private final AtomicReferenceArray<@Nullable Signature> idle = new AtomicReferenceArray<>(SLOTS);

	/**
	 * An idle object for the algorithm, now the caller's alone.
	 * @param algorithm the token's algorithm
	 * @return the object, or {@code null} when none is idle
	 */
	@Nullable Signature take(JwsAlgorithm algorithm) {
		if (this.algorithm.get() != algorithm) {
			return null;
		}
		for (int slot = 0; slot < SLOTS; slot++) {
			Signature signature = this.idle.get(slot);
			if (signature != null && this.idle.compareAndSet(slot, signature, null)) {
				return signature;
			}
		}
		return null;
	}

	/**
	 * Keep an object whose last {@code verify} returned, if it is of the pool's algorithm
	 * and a slot is free.
	 * @param algorithm the algorithm it was made for
	 * @param signature the object, initialised for verifying with the pool's key
	 * @param verified whether its last {@code verify} accepted the signature: only then
	 * may it choose the pool's algorithm
	 */
	void giveBack(JwsAlgorithm algorithm, Signature signature, boolean verified) {
		if (this.algorithm.get() != algorithm && !(verified && this.algorithm.compareAndSet(null, algorithm))) {
			return;
		}
		for (int slot = 0; slot < SLOTS; slot++) {
			if (this.idle.get(slot) == null && this.idle.compareAndSet(slot, null, signature)) {
				return;
			}
		}
	}

	/** Idle objects held now: for tests. */
	int idle() {
		int count = 0;
		for (int slot = 0; slot < SLOTS; slot++) {
			if (this.idle.get(slot) != null) {
				count++;
			}
		}
		return count;
	}

	@Override
	public String toString() {
		return "SignaturePool[" + this.algorithm.get() + ", " + idle() + " idle]";
	}

}
