package dev.identity.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the guard of outgoing tokens may log of a URL it refused: never the user name and
 * password an authority can carry.
 */
class OutgoingTokenGuardTests {

	@ParameterizedTest
	@CsvSource({ "user:secret@bad_host:8080, bad_host:8080", "a@b@bad_host, bad_host", "bad_host, bad_host" })
	void withoutUserInfoThenNoCredentials(String authority, String shown) {
		assertThat(OutgoingTokenGuard.withoutUserInfo(authority)).isEqualTo(shown).doesNotContain("secret");
	}

}
