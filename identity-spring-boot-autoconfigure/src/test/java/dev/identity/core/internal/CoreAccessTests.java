package dev.identity.core.internal;

import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Only the core types fill {@link CoreAccess}: code that registers a token factory of its
 * own cannot replace theirs, so it cannot make the verifier hand out forged tokens.
 */
class CoreAccessTests {

	@Test
	void registerWhenOwnerRegisteredThenAnotherFactoryIsRefused() {
		CoreAccess.Tokens genuine = CoreAccess.tokens();
		assertThatIllegalStateException()
			.isThrownBy(() -> CoreAccess
				.register((value, algorithm, keyId, type, claims, expiresAt, owned) -> (ValidatedToken) null))
			.withMessageContaining("ValidatedToken");
		assertThat(CoreAccess.tokens()).isSameAs(genuine);
	}

	@Test
	void policiesAndClientsWhenAskedThenRegisteredByTheirOwners() {
		assertThat(CoreAccess.policies()).isNotNull();
		assertThat(CoreAccess.clients()).isNotNull();
	}

}
