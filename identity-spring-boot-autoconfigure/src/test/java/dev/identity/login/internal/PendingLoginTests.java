package dev.identity.login.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.identity.login.LoginTestTokens.ISSUER;
import static dev.identity.login.LoginTestTokens.NONCE;
import static dev.identity.login.LoginTestTokens.NOW;
import static dev.identity.login.LoginTestTokens.REDIRECT_URI;
import static dev.identity.login.LoginTestTokens.STATE;
import static dev.identity.login.LoginTestTokens.VERIFIER;
import static dev.identity.login.LoginTestTokens.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PendingLoginTests {

	@Test
	void toStringWhenPrintedThenNoStateNonceOrVerifier() {
		String text = pending().toString();
		assertThat(text).doesNotContain(STATE).doesNotContain(NONCE).doesNotContain(VERIFIER);
		assertThat(text).contains(ISSUER).contains("/orders");
	}

	@Test
	void matchesStateWhenSameValueThenTrue() {
		assertThat(pending().matchesState(new String(STATE.toCharArray()))).isTrue();
	}

	@Test
	void matchesStateWhenDifferentPrefixOrNullThenFalse() {
		PendingLogin pending = pending();
		assertThat(pending.matchesState(STATE.substring(0, STATE.length() - 1) + "X")).isFalse();
		assertThat(pending.matchesState(STATE.substring(0, 10))).isFalse();
		assertThat(pending.matchesState(STATE + "X")).isFalse();
		assertThat(pending.matchesState(null)).isFalse();
	}

	@Test
	void isOlderThanWhenAgeReachedThenFalseAndWhenExceededThenTrue() {
		PendingLogin pending = pending();
		// created 60 s before NOW
		assertThat(pending.isOlderThan(Duration.ofSeconds(60), NOW)).isFalse();
		assertThat(pending.isOlderThan(Duration.ofSeconds(59), NOW)).isTrue();
	}

	@Test
	void constructorWhenVerifierBreaksRfc7636ThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PendingLogin(ISSUER, false, REDIRECT_URI, STATE, NONCE, "short", null, null, NOW))
			.withMessageContaining("RFC 7636");
	}

	@Test
	void constructorWhenRedirectUriRelativeOrWithFragmentThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PendingLogin(ISSUER, false, URI.create("/callback"),
				STATE, NONCE, VERIFIER, null, null, NOW));
		assertThatIllegalArgumentException().isThrownBy(() -> new PendingLogin(ISSUER, false,
				URI.create("https://app.example.com/cb#x"), STATE, NONCE, VERIFIER, null, null, NOW));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example",
			"/\n/evil.example", "orders", "javascript:alert(1)", "/ orders" })
	void constructorWhenReturnToLeavesSiteThenRejected(String returnTo) {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new PendingLogin(ISSUER, false, REDIRECT_URI, STATE, NONCE, VERIFIER, null, returnTo, NOW));
	}

	@Test
	void constructorWhenReturnToLongerThanTheCapThenRejected() {
		String longest = "/" + "x".repeat(PendingLogin.MAX_RETURN_TO_LENGTH - 1);
		assertThat(new PendingLogin(ISSUER, false, REDIRECT_URI, STATE, NONCE, VERIFIER, null, longest, NOW).returnTo())
			.hasSize(2048);
		assertThatIllegalArgumentException().isThrownBy(
				() -> new PendingLogin(ISSUER, false, REDIRECT_URI, STATE, NONCE, VERIFIER, null, longest + "x", NOW))
			.withMessageContaining("at most 2048 characters");
	}

	@Test
	void constructorWhenReturnToLocalPathThenKept() {
		PendingLogin pending = new PendingLogin(ISSUER, false, REDIRECT_URI, STATE, NONCE, VERIFIER, null,
				"/orders/42?tab=items%20open#top", NOW);
		assertThat(pending.returnTo()).isEqualTo("/orders/42?tab=items%20open#top");
	}

	@Test
	void serializationWhenRoundTripThenEqual() throws IOException, ClassNotFoundException {
		PendingLogin pending = pending(Duration.ofMinutes(5));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(pending);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			assertThat(in.readObject()).isEqualTo(pending);
		}
	}

}
