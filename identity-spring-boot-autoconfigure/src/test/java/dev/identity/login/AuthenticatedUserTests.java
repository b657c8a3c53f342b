package dev.identity.login;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;

import dev.identity.core.TokenResponse;
import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;

import static dev.identity.login.LoginTestTokens.ISSUER;
import static dev.identity.login.LoginTestTokens.KEYS;
import static dev.identity.login.LoginTestTokens.NOW;
import static dev.identity.login.LoginTestTokens.idToken;
import static dev.identity.login.LoginTestTokens.pending;
import static dev.identity.login.LoginTestTokens.validator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuthenticatedUserTests {

	private static final String ACCESS_TOKEN = "access-token-value-2YotnFZFEjr1zCsicMWpAA";

	private static final String REFRESH_TOKEN = "refresh-token-value-tGzv3JOkF0XG5Qx2TlKWIA";

	private static ValidatedToken validated(String idToken) {
		return validator().validate(idToken, KEYS, pending(), ACCESS_TOKEN, NOW);
	}

	private static TokenResponse response(String idToken, String expiresIn) {
		return TokenResponse.parse("{\"access_token\": \"" + ACCESS_TOKEN + "\", \"token_type\": \"Bearer\", "
				+ expiresIn + "\"refresh_token\": \"" + REFRESH_TOKEN + "\", \"scope\": \"openid profile\", "
				+ "\"id_token\": \"" + idToken + "\"}", NOW);
	}

	private static AuthenticatedUser user(String expiresIn) {
		String idToken = idToken().claim("name", "Jane Doe")
			.claim("preferred_username", "jane")
			.claim("email", "jane@example.com")
			.claim("email_verified", true)
			.claim("picture", "https://example.com/jane.png")
			.build();
		return AuthenticatedUser.of(validated(idToken), response(idToken, expiresIn));
	}

	@Test
	void serializeWhenStoredInSessionThenRoundTripKeepsUserAndClaims() throws Exception {
		AuthenticatedUser user = user("\"expires_in\": 3600, ");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(user);
		}
		AuthenticatedUser copy;
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			copy = (AuthenticatedUser) in.readObject();
		}
		assertThat(copy.getSubject()).isEqualTo(user.getSubject());
		assertThat(copy.getName()).isEqualTo("Jane Doe");
		assertThat(copy.getAccessToken()).isEqualTo(ACCESS_TOKEN);
		assertThat(copy.getIdToken().getClaims()).isEqualTo(user.getIdToken().getClaims());
	}

	@Test
	void ofThenIdentityAndProfileClaimsExposed() {
		AuthenticatedUser user = user("\"expires_in\": 3600, ");
		assertThat(user.getSubject()).isEqualTo("248289761001");
		assertThat(user.getIssuer()).isEqualTo(ISSUER);
		assertThat(user.getName()).isEqualTo("Jane Doe");
		assertThat(user.getPreferredUsername()).isEqualTo("jane");
		assertThat(user.getEmail()).isEqualTo("jane@example.com");
		assertThat(user.isEmailVerified()).isTrue();
		assertThat(user.getPicture()).isEqualTo("https://example.com/jane.png");
		assertThat(user.getAccessToken()).isEqualTo(ACCESS_TOKEN);
		assertThat(user.getRefreshToken()).isEqualTo(REFRESH_TOKEN);
		assertThat(user.getScopes()).containsExactly("openid", "profile");
	}

	@Test
	void ofWhenProfileClaimsAbsentThenNull() {
		String idToken = idToken().claim("email_verified", "true").build();
		AuthenticatedUser user = AuthenticatedUser.of(validated(idToken), response(idToken, ""));
		assertThat(user.getName()).isNull();
		assertThat(user.getEmail()).isNull();
		assertThat(user.getPreferredUsername()).isNull();
		assertThat(user.getPicture()).isNull();
		assertThat(user.isEmailVerified()).isFalse();
	}

	@Test
	void isAuthenticatedWhenAccessTokenUnexpiredThenTrueAndAfterExpiryFalse() {
		AuthenticatedUser user = user("\"expires_in\": 3600, ");
		Instant expiry = NOW.plusSeconds(3600);
		assertThat(user.getAccessTokenExpiresAt()).isEqualTo(expiry);
		assertThat(user.isAuthenticated(expiry.minusSeconds(1))).isTrue();
		assertThat(user.isAuthenticated(expiry)).isFalse();
	}

	@Test
	void ofWhenNoExpiresInThenAccessTokenExpiresWithIdToken() {
		AuthenticatedUser user = user("");
		assertThat(user.getAccessTokenExpiresAt()).isEqualTo(user.getIdToken().getExpiresAt());
		assertThat(user.getAccessTokenExpiresAt()).isEqualTo(NOW.plusSeconds(300));
	}

	@Test
	void ofWhenIdTokenNotFromResponseThenRejected() {
		String idToken = idToken().build();
		String other = idToken().claim("name", "other").build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthenticatedUser.of(validated(idToken), response(other, "")))
			.withMessageContaining("not the one of this token response");
	}

	@Test
	void toStringThenNoTokensAndNoProfileData() {
		AuthenticatedUser user = user("\"expires_in\": 60, ");
		assertThat(user.toString()).doesNotContain(ACCESS_TOKEN)
			.doesNotContain(REFRESH_TOKEN)
			.doesNotContain(user.getIdToken().getTokenValue())
			.doesNotContain("jane@example.com")
			.contains("248289761001")
			.contains("refreshToken=present")
			.contains(NOW.plus(Duration.ofSeconds(60)).toString());
	}

}
