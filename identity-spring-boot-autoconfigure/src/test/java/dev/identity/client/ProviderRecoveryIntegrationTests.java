package dev.identity.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import dev.identity.core.IdentityProviderException;
import dev.identity.core.ValidatedToken;
import dev.identity.engine.internal.transport.RetryPolicy;
import dev.identity.testprovider.TestProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The application starts while its provider is down, and the provider then comes up: the
 * real provider is used within one back-off step of its return (2 s after a 5 s outage),
 * and the requests that arrive every 10 ms meanwhile cost it no more than the back-off
 * steps allow. Time is the clients' clock; the provider really is down (nothing listens
 * on its port) and really comes up.
 */
class ProviderRecoveryIntegrationTests {

	private static final Duration TICK = Duration.ofMillis(10);

	/** A well-formed token: validating it needs discovery and keys first. */
	private static final String UNVERIFIABLE = base64("{\"alg\":\"RS256\",\"kid\":\"k1\"}") + "."
			+ base64("{\"iss\":\"x\",\"sub\":\"alice\"}") + "."
			+ Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[256]);

	@Test
	void validateWhenProviderComesUpAfterFiveSecondsThenFirstSuccessWithinTwoSecondsOfIt() throws Exception {
		int port = freePort();
		String issuer = "http://127.0.0.1:" + port;
		try (TestClients clients = new TestClients(issuer, TestProvider.CLIENT_ID, EventLoopPolicy.FAIL, null,
				RetryPolicy.NONE)) {
			Instant start = clients.clock.instant();
			int refused = 0;
			while (Duration.between(start, clients.clock.instant()).compareTo(Duration.ofSeconds(5)) < 0) {
				assertThat(catchThrowable(() -> clients.blocking.validate(UNVERIFIABLE)))
					.isInstanceOf(IdentityProviderException.class);
				refused++;
				clients.clock.advance(TICK);
			}
			assertThat(refused).isEqualTo(500);

			try (TestProvider provider = TestProvider.start(port)) {
				Instant back = clients.clock.instant();
				String token = provider.clientCredentialsToken();
				ValidatedToken validated = null;
				while (validated == null) {
					Throwable failure = catchThrowable(() -> clients.blocking.validate(token));
					if (failure == null) {
						validated = clients.blocking.validate(token);
					}
					else {
						assertThat(failure).isInstanceOf(IdentityProviderException.class);
						clients.clock.advance(TICK);
					}
				}
				Duration wait = Duration.between(back, clients.clock.instant());
				System.out.printf("Provider back after 5 s: first success %d ms later%n", wait.toMillis());
				assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(2));
				// The attempts during the outage were at 0, 1 and 3 s; the one at 7 s
				// reached the provider.
				assertThat(provider.discoveryRequests()).isOne();
				assertThat(validated.getIssuer()).isEqualTo(issuer);
			}
		}
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
