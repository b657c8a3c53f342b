package dev.identity.browser.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import dev.identity.login.internal.PendingLogin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PendingLoginsTests {

	private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

	private static final Duration MAX_AGE = Duration.ofMinutes(10);

	@Test
	void withWhenBelowTheBoundThenEveryLoginKeptOldestFirst() {
		PendingLogins logins = PendingLogins.empty()
			.with(login("a", NOW), 5, MAX_AGE, NOW)
			.with(login("b", NOW), 5, MAX_AGE, NOW);
		assertThat(logins.size()).isEqualTo(2);
		assertThat(logins.find("state-a").nonce()).isEqualTo("nonce-a");
		assertThat(logins.find("state-b").nonce()).isEqualTo("nonce-b");
	}

	@Test
	void withWhenAtTheBoundThenOldestDropped() {
		PendingLogins logins = PendingLogins.empty();
		for (String name : new String[] { "a", "b", "c", "d" }) {
			logins = logins.with(login(name, NOW), 3, MAX_AGE, NOW);
		}
		assertThat(logins.size()).isEqualTo(3);
		assertThat(logins.find("state-a")).isNull();
		assertThat(logins.find("state-d")).isNotNull();
	}

	@Test
	void withWhenALoginExpiredThenDropped() {
		PendingLogins logins = PendingLogins.empty().with(login("old", NOW), 5, MAX_AGE, NOW);
		Instant later = NOW.plus(MAX_AGE).plusSeconds(1);
		logins = logins.with(login("new", later), 5, MAX_AGE, later);
		assertThat(logins.size()).isEqualTo(1);
		assertThat(logins.find("state-old")).isNull();
	}

	@Test
	void withWhenBoundBelowOneThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PendingLogins.empty().with(login("a", NOW), 0, MAX_AGE, NOW));
	}

	@Test
	void findWhenStateUnknownOrMissingThenNull() {
		PendingLogins logins = PendingLogins.empty().with(login("a", NOW), 5, MAX_AGE, NOW);
		assertThat(logins.find("state-b")).isNull();
		assertThat(logins.find("state-")).isNull();
		assertThat(logins.find(null)).isNull();
		assertThat(PendingLogins.empty().find("state-a")).isNull();
	}

	@Test
	void withoutWhenLoginSpentThenOnlyTheOthersRemain() {
		PendingLogin a = login("a", NOW);
		PendingLogins logins = PendingLogins.empty().with(a, 5, MAX_AGE, NOW).with(login("b", NOW), 5, MAX_AGE, NOW);
		PendingLogins remaining = logins.without(a);
		assertThat(remaining.size()).isEqualTo(1);
		assertThat(remaining.find("state-a")).isNull();
		assertThat(logins.size()).as("immutable").isEqualTo(2);
		assertThat(remaining.without(logins.find("state-b")).isEmpty()).isTrue();
	}

	@Test
	void serializationWhenSessionStoreCopiesItThenLoginsSurvive() throws Exception {
		PendingLogins logins = PendingLogins.empty()
			.with(login("a", NOW), 5, MAX_AGE, NOW)
			.with(login("b", NOW), 5, MAX_AGE, NOW);
		PendingLogins copy = roundTrip(logins);
		assertThat(copy.size()).isEqualTo(2);
		assertThat(copy.find("state-b")).isEqualTo(logins.find("state-b"));
	}

	@Test
	void toStringWhenPrintedThenNoStateNonceOrVerifier() {
		PendingLogins logins = PendingLogins.empty().with(login("a", NOW), 5, MAX_AGE, NOW);
		assertThat(logins.toString()).isEqualTo("PendingLogins[1]").doesNotContain("state-a", "nonce-a");
	}

	private static PendingLogin login(String name, Instant createdAt) {
		return new PendingLogin("https://idp.example.com", false, URI.create("https://app.example.com/login/callback"),
				"state-" + name, "nonce-" + name, "verifier-" + name + "-".repeat(43), null, null, createdAt);
	}

	private static PendingLogins roundTrip(PendingLogins logins) throws IOException, ClassNotFoundException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(logins);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			return (PendingLogins) in.readObject();
		}
	}

}
