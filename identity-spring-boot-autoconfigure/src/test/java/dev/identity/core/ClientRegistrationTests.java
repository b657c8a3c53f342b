package dev.identity.core;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link ClientRegistration}: assertion ids exist only for a client that signs
 * assertions.
 */
class ClientRegistrationTests {

	@Test
	void newAssertionIdWhenPrivateKeyThenFreshUrlSafeIds() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
		ClientRegistration client = ClientRegistration.withPrivateKey("app", key);
		String first = client.newAssertionId();
		assertThat(first).matches("[A-Za-z0-9_-]{22}");
		assertThat(client.newAssertionId()).isNotEqualTo(first);
	}

	@Test
	void newAssertionIdWhenClientSecretThenTypedErrorNamingTheClient() {
		ClientRegistration client = ClientRegistration.withSecret("app", "s3cr3t-value",
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		assertThatIllegalStateException().isThrownBy(client::newAssertionId)
			.withMessageContaining("private_key_jwt")
			.withMessageContaining("clientId=app")
			.withMessageNotContaining("s3cr3t-value");
	}

}
