package dev.identity.core;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * In opaque-token mode an introspected token must be an access token: providers mark
 * refresh tokens (and other kinds) in different members, or leave the type out.
 */
class IntrospectionResultAccessTokenTests {

	private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

	private static final ValidationPolicy POLICY = ValidationPolicy.withIssuer("https://idp.example.com").build();

	private static IntrospectionResult active(String members) {
		return IntrospectionResult.parse("{\"active\":true,\"sub\":\"alice\"" + members + "}");
	}

	@ParameterizedTest
	@ValueSource(strings = { ",\"token_type\":\"Bearer\"", ",\"token_type\":\"bearer\"", ",\"token_type\":\"DPoP\"",
			",\"token_type\":\"Bearer\",\"typ\":\"Bearer\"",
			",\"token_type\":\"Bearer\",\"token_use\":\"access_token\"" })
	void toValidatedTokenWhenAccessTokenThenAccepted(String members) {
		assertThat(active(members).toValidatedToken("opaque", POLICY, NOW, true).getSubject()).isEqualTo("alice");
	}

	@ParameterizedTest
	@ValueSource(strings = { ",\"token_type\":\"refresh_token\"", ",\"token_type\":\"N_A\"",
			",\"token_type\":\"Bearer\",\"typ\":\"Refresh\"", ",\"token_type\":\"Bearer\",\"typ\":\"Offline\"",
			",\"token_type\":\"Bearer\",\"token_use\":\"refresh_token\"", "" })
	void toValidatedTokenWhenNotAnAccessTokenThenRefusedAsType(String members) {
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> active(members).toValidatedToken("opaque", POLICY, NOW, true))
			.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.TYPE)).isTrue())
			.withMessageNotContaining("opaque");
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void toValidatedTokenWhenTypeMissingThenRefusedOnlyWhenRequired(boolean required) {
		IntrospectionResult result = active("");
		if (required) {
			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> result.toValidatedToken("opaque", POLICY, NOW, true));
		}
		else {
			assertThat(result.toValidatedToken("opaque", POLICY, NOW, false).getSubject()).isEqualTo("alice");
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(
					() -> active(",\"token_type\":\"refresh_token\"").toValidatedToken("opaque", POLICY, NOW, false));
		}
	}

}
