package dev.identity.test;

import dev.identity.client.OAuthClient;
import dev.identity.core.InvalidTokenException;
import dev.identity.core.TokenCheck;
import dev.identity.test.example.ExampleApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;

import static dev.identity.test.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A local issuer declared as a named issuer, {@code identity.issuers.staff}: the
 * application starts from that property alone and accepts its tokens with the issuer's
 * own audience; a token naming another issuer is refused.
 */
@SpringBootTest(classes = ExampleApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = { "identity.audiences=orders-api", "identity.issuers.staff.audiences=staff-api" })
@LocalIssuer(name = "staff")
class NamedLocalIssuerTests {

	@Autowired
	private OAuthClient client;

	@Test
	void validateWhenNamedLocalIssuerThenItsTokensAreAcceptedForItsOwnAudience(@Autowired Environment environment,
			TestIssuer issuer) {
		assertThat(environment.getProperty("identity.issuers.staff.issuer-uri")).isEqualTo(issuer.issuerUri());
		assertThat(environment.getProperty("identity.issuer-uri")).isNull();
		assertThat(this.client.validate(token().encode()).getAudiences()).containsExactly("staff-api");
		assertThat(this.client.forIssuer("staff").validate(token().encode()).getSubject())
			.isEqualTo(TestToken.DEFAULT_SUBJECT);
	}

	@Test
	void validateWhenTokenNamesAnotherIssuerThenRefused() {
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.client.validate(token().issuer("https://elsewhere.example.com").encode()))
			.satisfies((ex) -> assertThat(ex.hasFailed(TokenCheck.ISSUER)).isTrue());
	}

}
