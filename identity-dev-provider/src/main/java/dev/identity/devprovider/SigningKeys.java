package dev.identity.devprovider;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The provider's key material. The JWK set endpoint and the token encoder both read it on
 * every request, so a rotation or a removal is visible to the very next request.
 */
final class SigningKeys implements JWKSource<SecurityContext> {

	private static final Executor keyThread = (task) -> {
		Thread thread = new Thread(task, "identity-dev-provider-keys");
		thread.setDaemon(true);
		thread.start();
	};

	/**
	 * The next key, generated ahead on a thread of its own: a cold JVM takes most of a
	 * second for an RSA-2048 key pair, time better spent while the server starts or the
	 * test runs. One key at a time, so the generation does not compete with more than one
	 * core.
	 */
	private static CompletableFuture<RSAKey> spare = CompletableFuture.supplyAsync(SigningKeys::generate, keyThread);

	private final CompletableFuture<RSAKey> first;

	private final AtomicReference<State> state = new AtomicReference<>();

	SigningKeys() {
		this.first = take();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(state().keys());
	}

	String activeKeyId() {
		return state().activeKeyId();
	}

	String rotate() {
		state();
		RSAKey key = take().join();
		// The new key is published in the same step it becomes active: no token is ever
		// signed by a key
		// the JWK set does not list.
		this.state.updateAndGet((current) -> {
			List<JWK> keys = new ArrayList<>(current.keys().getKeys());
			keys.add(key);
			return new State(new JWKSet(keys), key.getKeyID());
		});
		return key.getKeyID();
	}

	void remove(String keyId) {
		state();
		this.state.updateAndGet((current) -> {
			if (keyId.equals(current.activeKeyId())) {
				throw new IllegalStateException(
						"key '" + keyId + "' signs new tokens; rotate to another key before removing it");
			}
			if (current.keys().getKeyByKeyId(keyId) == null) {
				throw new IllegalArgumentException("no published key with kid '" + keyId + "'");
			}
			List<JWK> keys = new ArrayList<>(current.keys().getKeys());
			keys.removeIf((key) -> keyId.equals(key.getKeyID()));
			return new State(new JWKSet(keys), current.activeKeyId());
		});
	}

	private State state() {
		State current = this.state.get();
		if (current == null) {
			RSAKey key = this.first.join();
			this.state.compareAndSet(null, new State(new JWKSet(key), key.getKeyID()));
			// Set just above, by this thread or another, and never cleared.
			current = Objects.requireNonNull(this.state.get(), "state");
		}
		return current;
	}

	private static synchronized CompletableFuture<RSAKey> take() {
		CompletableFuture<RSAKey> key = spare;
		spare = key.handleAsync((ignored, failure) -> generate(), keyThread);
		return key;
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot generate an RSA key", ex);
		}
	}

	private record State(JWKSet keys, String activeKeyId) {

	}

}
