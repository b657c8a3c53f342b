package dev.identity;

import java.time.Duration;

import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.core.ClaimRule;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.core.ValidatedToken;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link IdentityClients}: the three clients on one engine from plain Java, against a
 * real provider, with the start-up rules of the {@code identity.*} properties.
 */
class IdentityClientsTests {

	@RegisterExtension
	static final TestProviderExtension provider = new TestProviderExtension();

	@Test
	void buildWhenIssuerAndAudienceThenEveryFlavorValidatesOnOneEngine() {
		String token = provider.clientCredentialsToken();
		provider.resetCounts();
		try (IdentityClients clients = IdentityClients.builder()
			.issuerUri(provider.issuer())
			.audiences(TestProvider.CLIENT_ID)
			.build()) {
			ValidatedToken blocking = clients.blocking().validate(token);
			ValidatedToken reactive = clients.reactive().validate(token).block(Duration.ofSeconds(10));
			ValidatedToken smart = clients.smart().validate(token);
			assertThat(blocking.getSubject()).isEqualTo(TestProvider.CLIENT_ID);
			// One engine: the first validation's keys and its cached result serve the
			// other two flavors.
			assertThat(reactive).isSameAs(blocking);
			assertThat(smart).isSameAs(blocking);
			assertThat(provider.discoveryRequests()).isEqualTo(1);
			assertThat(provider.jwksRequests()).isEqualTo(1);
		}
	}

	@Test
	void buildWhenClientCredentialsThenTokenEndpointServesTheSmartClient() {
		try (IdentityClients clients = IdentityClients.builder()
			.issuerUri(provider.issuer())
			.audiences(TestProvider.CLIENT_ID)
			.client(TestProvider.CLIENT_ID, TestProvider.CLIENT_SECRET)
			.build()) {
			String accessToken = clients.smart().clientCredentials().getAccessToken();
			assertThat(clients.blocking().validate(accessToken).getSubject()).isEqualTo(TestProvider.CLIENT_ID);
		}
	}

	@Test
	void buildWhenClaimRuleThenEveryFlavorAppliesIt() {
		String token = provider.clientCredentialsToken();
		try (IdentityClients clients = IdentityClients.builder()
			.issuerUri(provider.issuer())
			.audiences(TestProvider.CLIENT_ID)
			.claimRule(ClaimRule.require("tenant", (claims) -> claims.getClaims().containsKey("tenant"),
					"no tenant claim"))
			.build()) {
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> clients.blocking().validate(token))
				.satisfies((ex) -> assertThat(ex.getFailures())
					.anySatisfy((failure) -> assertThat(failure.check()).isEqualTo(TokenCheck.CUSTOM)));
			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> clients.reactive().validate(token).block(Duration.ofSeconds(10)));
		}
	}

	@Test
	void buildWhenNoIssuerThenFailsNamingTheProperty() {
		assertThatExceptionOfType(InvalidIdentityConfigurationException.class)
			.isThrownBy(() -> IdentityClients.builder().build())
			.satisfies((ex) -> assertThat(ex.getProblems())
				.extracting(InvalidIdentityConfigurationException.Problem::property)
				.contains("identity.issuer-uri"));
	}

	@Test
	void issuerUriWhenNotAUriThenFailsNamingTheProperty() {
		assertThatExceptionOfType(InvalidIdentityConfigurationException.class)
			.isThrownBy(() -> IdentityClients.builder().issuerUri("https://login example.com"))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.property()).isEqualTo("identity.issuer-uri")));
	}

	@Test
	void buildWhenSeveralSettingsInvalidThenOneFailureNamesEach() {
		assertThatExceptionOfType(InvalidIdentityConfigurationException.class)
			.isThrownBy(() -> IdentityClients.builder().issuerUri(provider.issuer()).properties((properties) -> {
				properties.setClockSkew(Duration.ofHours(2));
				properties.getValidationCache().setMaxEntries(0);
			}).build())
			.satisfies((ex) -> assertThat(ex.getProblems())
				.extracting(InvalidIdentityConfigurationException.Problem::property)
				.contains("identity.clock-skew", "identity.validation-cache.max-entries"));
	}

}
