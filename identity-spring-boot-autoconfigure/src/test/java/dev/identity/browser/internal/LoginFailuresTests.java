package dev.identity.browser.internal;

import java.net.URI;
import java.util.concurrent.CompletionException;

import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.OAuthErrorException;
import dev.identity.core.TokenCheck;
import dev.identity.login.AuthorizationErrorException;
import dev.identity.login.CallbackCheck;
import dev.identity.login.InvalidCallbackException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failed login step gets which status and text.
 */
class LoginFailuresTests {

	private static final String ISSUER = LoginEngineSettings.ISSUER;

	@Test
	void failureWhenLoginStepFailedThenStatusAndReasonWithoutSecrets() {
		LoginFailures failures = new LoginFailures();
		URI token = URI.create(ISSUER + "/token");
		assertThat(failures.answer(new InvalidCallbackException(CallbackCheck.STATE, "no"))).satisfies((failure) -> {
			assertThat(failure.status()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(failure.reason()).contains("STATE");
		});
		assertThat(failures.answer(new AuthorizationErrorException("access_denied", null, null)).status())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(failures.answer(new AuthorizationErrorException("login_required", null, null)).reason())
			.contains("login_required");
		assertThat(failures.answer(InvalidTokenException.of(TokenCheck.NONCE, "n")).status())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		LoginFailures.LoginFailure grant = failures.answer(new OAuthErrorException("token", token, 400, "invalid_grant",
				"code abc123 was already used", null, null));
		assertThat(grant.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(grant.reason()).doesNotContain("abc123");
		assertThat(failures.answer(new CompletionException(new IdentityProviderException("token", token, "timeout")))
			.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(failures.answer(new IllegalStateException("a bug"))).isNull();
	}

}
