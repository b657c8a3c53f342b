package dev.identity.core;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which discovery documents may be used: matching issuer, HTTPS except on loopback,
 * endpoints on the issuer's host.
 */
class DiscoveryPolicyTests {

	private static final URI ISSUER = URI.create("https://idp.example.com");

	private static final DiscoveryPolicy NO_ISSUER_MATCH = new DiscoveryPolicy(false, true, true);

	private static final DiscoveryPolicy NO_HTTPS = new DiscoveryPolicy(true, false, true);

	private static final DiscoveryPolicy NO_SAME_HOST = new DiscoveryPolicy(true, true, false);

	@Test
	void checkWhenDocumentFollowsEveryRuleThenNoProblems() {
		assertThat(DiscoveryPolicy.STRICT.check(DiscoveryDocument.parse(DiscoveryDocumentTests.DOCUMENT), ISSUER))
			.isEmpty();
	}

	@Test
	void strictThenEveryCheckOn() {
		assertThat(DiscoveryPolicy.STRICT).isEqualTo(new DiscoveryPolicy(true, true, true));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://idp.example.com/", "https://IDP.example.com", "https://evil.example",
			"https://idp.example.com/tenant" })
	void checkWhenIssuerDiffersThenProblem(String issuer) {
		DiscoveryDocument document = document(issuer, "https://idp.example.com/keys");
		assertThat(DiscoveryPolicy.STRICT.check(document, ISSUER)).singleElement()
			.asString()
			.contains("differs from the configured issuer")
			.contains("identity.discovery.require-issuer-match");
	}

	@Test
	void checkWhenIssuerMatchNotRequiredThenIssuerNotCompared() {
		DiscoveryDocument document = document("https://idp.example.com/", "https://idp.example.com/keys");
		assertThat(NO_ISSUER_MATCH.check(document, ISSUER)).isEmpty();
	}

	@Test
	void checkWhenIssuerHasControlCharactersThenProblemShowsThemReplaced() {
		DiscoveryDocument document = document("https://evil.example/\\nline", "https://idp.example.com/keys");
		assertThat(DiscoveryPolicy.STRICT.check(document, ISSUER)).singleElement()
			.asString()
			.contains("https://evil.example/?line");
	}

	@Test
	void checkWhenHttpOnNonLoopbackHostThenProblem() {
		URI issuer = URI.create("http://idp.example.com");
		DiscoveryDocument document = document("http://idp.example.com", "http://idp.example.com/keys");
		assertThat(DiscoveryPolicy.STRICT.check(document, issuer)).singleElement()
			.asString()
			.startsWith("jwks_uri")
			.contains("does not use HTTPS");
	}

	@Test
	void checkWhenOneEndpointUsesHttpThenProblemNamesIt() {
		String json = "{\"issuer\":\"https://idp.example.com\",\"jwks_uri\":\"https://idp.example.com/keys\","
				+ "\"token_endpoint\":\"http://idp.example.com/token\"}";
		assertThat(DiscoveryPolicy.STRICT.check(DiscoveryDocument.parse(json), ISSUER)).singleElement()
			.asString()
			.startsWith("token_endpoint");
	}

	@Test
	void checkWhenHttpsNotRequiredThenHttpAccepted() {
		URI issuer = URI.create("http://idp.example.com");
		DiscoveryDocument document = document("http://idp.example.com", "http://idp.example.com/keys");
		assertThat(NO_HTTPS.check(document, issuer)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080", "http://127.0.0.2" })
	void checkWhenHttpOnLoopbackThenAccepted(String issuer) {
		DiscoveryDocument document = document(issuer, issuer + "/keys");
		assertThat(DiscoveryPolicy.STRICT.check(document, URI.create(issuer))).isEmpty();
	}

	@Test
	void checkWhenEndpointOnAnotherHostThenProblem() {
		DiscoveryDocument document = document("https://idp.example.com", "https://keys.example.net/jwks");
		assertThat(DiscoveryPolicy.STRICT.check(document, ISSUER)).singleElement()
			.asString()
			.startsWith("jwks_uri is on host 'keys.example.net'")
			.contains("identity.discovery.require-same-host");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://idp.example.com.evil.example/keys", "https://idp.example.com@evil.example/keys",
			"https://evil.example/idp.example.com/keys", "https://sub.idp.example.com/keys" })
	void checkWhenEndpointHostOnlyLooksLikeTheIssuersThenProblem(String jwksUri) {
		assertThat(DiscoveryPolicy.STRICT.check(document("https://idp.example.com", jwksUri), ISSUER)).hasSize(1);
	}

	@Test
	void checkWhenEndpointHostDiffersOnlyInCaseThenAccepted() {
		DiscoveryDocument document = document("https://idp.example.com", "https://IDP.Example.com/keys");
		assertThat(DiscoveryPolicy.STRICT.check(document, ISSUER)).isEmpty();
	}

	@Test
	void checkWhenSameHostNotRequiredThenOtherHostAccepted() {
		DiscoveryDocument document = document("https://idp.example.com", "https://keys.example.net/jwks");
		assertThat(NO_SAME_HOST.check(document, ISSUER)).isEmpty();
	}

	@Test
	void checkWhenEveryRuleBrokenThenEveryProblemReported() {
		DiscoveryDocument document = document("https://other.example", "http://keys.example.net/jwks");
		assertThat(DiscoveryPolicy.STRICT.check(document, ISSUER)).hasSize(3);
	}

	@Test
	void checkWhenJwksUriMissingThenProblemWhateverTheSwitches() {
		DiscoveryDocument document = DiscoveryDocument.parse("{\"issuer\":\"https://idp.example.com\"}");
		assertThat(DiscoveryPolicy.STRICT.check(document, ISSUER)).containsExactly("document has no jwks_uri");
		assertThat(new DiscoveryPolicy(false, false, false).check(document, ISSUER))
			.containsExactly("document has no jwks_uri");
	}

	@Test
	void checkIssuerWhenHttpsThenNoProblems() {
		assertThat(DiscoveryPolicy.STRICT.checkIssuer(URI.create("https://idp.example.com/realms/main"))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "idp.example.com", "/realms/main", "https:///realms" })
	void checkIssuerWhenNotAbsoluteWithHostThenProblem(String issuer) {
		assertThat(DiscoveryPolicy.STRICT.checkIssuer(URI.create(issuer)))
			.containsExactly("must be an absolute URL with a host");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://idp.example.com?tenant=a", "https://idp.example.com#main" })
	void checkIssuerWhenQueryOrFragmentThenProblem(String issuer) {
		assertThat(DiscoveryPolicy.STRICT.checkIssuer(URI.create(issuer))).singleElement()
			.asString()
			.contains("query or fragment");
	}

	@Test
	void checkIssuerWhenHttpOnNonLoopbackThenProblemUnlessHttpsNotRequired() {
		URI issuer = URI.create("http://idp.example.com");
		assertThat(DiscoveryPolicy.STRICT.checkIssuer(issuer)).singleElement().asString().startsWith("issuer");
		assertThat(NO_HTTPS.checkIssuer(issuer)).isEmpty();
		assertThat(DiscoveryPolicy.STRICT.checkIssuer(URI.create("http://localhost:9000"))).isEmpty();
	}

	@Test
	void discoveryUriWhenIssuerWithoutTrailingSlashThenWellKnownAppended() {
		assertThat(DiscoveryPolicy.discoveryUri(URI.create("https://idp.example.com/realms/main")))
			.isEqualTo(URI.create("https://idp.example.com/realms/main/.well-known/openid-configuration"));
	}

	@Test
	void discoveryUriWhenIssuerWithTrailingSlashThenNoDoubleSlash() {
		assertThat(DiscoveryPolicy.discoveryUri(URI.create("https://idp.example.com/realms/main/")))
			.isEqualTo(URI.create("https://idp.example.com/realms/main/.well-known/openid-configuration"));
		assertThat(DiscoveryPolicy.discoveryUri(URI.create("https://idp.example.com/")))
			.isEqualTo(URI.create("https://idp.example.com/.well-known/openid-configuration"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.1.2.3", "127.255.255.255",
			"127.0.0.01", "::1", "[::1]" })
	void isLoopbackWhenLoopbackLiteralThenTrue(String host) {
		assertThat(DiscoveryPolicy.isLoopback(host)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "128.0.0.1", "126.0.0.1", "localhost.evil.com", "127.0.0.1.evil.com", "evil-localhost",
			"mylocalhost", "127.0.0.256", "127.0.0", "127.0.0.1.1", "127..0.1", "127.0.0.", "127.0.0.1234",
			"127.0.0.+1", "127.0.0.-1", "0x7f.0.0.1", "10.0.0.1", "::2", "[::2]", "", "1270.0.0.1" })
	void isLoopbackWhenOtherHostThenFalse(String host) {
		assertThat(DiscoveryPolicy.isLoopback(host)).isFalse();
	}

	private static DiscoveryDocument document(String issuer, String jwksUri) {
		return DiscoveryDocument.parse("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri + "\"}");
	}

}
