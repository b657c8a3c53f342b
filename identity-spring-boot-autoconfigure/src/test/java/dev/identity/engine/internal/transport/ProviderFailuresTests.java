package dev.identity.engine.internal.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import dev.identity.core.IdentityProviderException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One wording for a request that got no answer, whether the engine or a transport saw it
 * first.
 */
class ProviderFailuresTests {

	private static final URI JWKS = URI.create("https://issuer.test/jwks");

	@Test
	void requestFailedWhenWrappedByAFutureThenNamesTheCauseWithItsMessageCleaned() {
		IdentityProviderException failure = ProviderFailures.requestFailed("jwks", JWKS,
				new CompletionException(new IOException("reset\r\nX-Injected: yes")));
		assertThat(failure.getMessage()).endsWith("request failed: IOException (reset??X-Injected: yes)");
		assertThat(failure.getStatus()).isZero();
		assertThat(failure.getCause()).isInstanceOf(IOException.class);
	}

	@Test
	void transportFailedWhenClientExceptionWrapsTheCauseThenSameWordsAsTheEngine() {
		ConnectException refused = new ConnectException("Connection refused");
		IdentityProviderException fromTransport = ProviderFailures.transportFailed("jwks", JWKS,
				new IllegalStateException("I/O error", refused));
		IdentityProviderException fromEngine = ProviderFailures.requestFailed("jwks", JWKS, refused);
		assertThat(fromTransport.getMessage()).isEqualTo(fromEngine.getMessage())
			.endsWith("request failed: ConnectException (Connection refused)");
	}

	@Test
	void requestFailedWhenAlreadyAProviderFailureThenKeptAsItIs() {
		IdentityProviderException deadline = HttpFetcher.deadlinePassed("jwks", JWKS, Duration.ofSeconds(1));
		assertThat(ProviderFailures.requestFailed("jwks", JWKS, new CompletionException(deadline))).isSameAs(deadline);
		assertThat(ProviderFailures.transportFailed("jwks", JWKS, deadline)).isSameAs(deadline);
	}

}
