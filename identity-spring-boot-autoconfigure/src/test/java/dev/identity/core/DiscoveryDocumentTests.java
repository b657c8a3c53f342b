package dev.identity.core;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reading provider metadata: a JSON object, a string issuer, absolute http(s) URLs.
 */
class DiscoveryDocumentTests {

	static final String DOCUMENT = """
			{
			  "issuer": "https://idp.example.com",
			  "jwks_uri": "https://idp.example.com/keys",
			  "authorization_endpoint": "https://idp.example.com/authorize",
			  "token_endpoint": "https://idp.example.com/token",
			  "userinfo_endpoint": "https://idp.example.com/userinfo",
			  "introspection_endpoint": "https://idp.example.com/introspect",
			  "revocation_endpoint": "https://idp.example.com/revoke",
			  "end_session_endpoint": "https://idp.example.com/logout",
			  "scopes_supported": ["openid", "profile"]
			}
			""";

	@Test
	void parseWhenValidThenEveryMemberReadable() {
		DiscoveryDocument document = DiscoveryDocument.parse(DOCUMENT);
		assertThat(document.getIssuer()).isEqualTo("https://idp.example.com");
		assertThat(document.getJwksUri()).isEqualTo(URI.create("https://idp.example.com/keys"));
		assertThat(document.getAuthorizationEndpoint()).isEqualTo(URI.create("https://idp.example.com/authorize"));
		assertThat(document.getTokenEndpoint()).isEqualTo(URI.create("https://idp.example.com/token"));
		assertThat(document.getUserInfoEndpoint()).isEqualTo(URI.create("https://idp.example.com/userinfo"));
		assertThat(document.getIntrospectionEndpoint()).isEqualTo(URI.create("https://idp.example.com/introspect"));
		assertThat(document.getRevocationEndpoint()).isEqualTo(URI.create("https://idp.example.com/revoke"));
		assertThat(document.getEndSessionEndpoint()).isEqualTo(URI.create("https://idp.example.com/logout"));
		assertThat(document.getMetadata()).containsKey("scopes_supported");
		assertThat(document.toString()).contains("https://idp.example.com/keys");
	}

	@Test
	void parseWhenJwksUriMissingThenParsedWithoutIt() {
		DiscoveryDocument document = DiscoveryDocument.parse("{\"issuer\":\"https://idp.example.com\"}");
		assertThat(document.getJwksUri()).isNull();
		assertThat(document.getTokenEndpoint()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "[]", "null", "\"https://idp.example.com\"", "{\"issuer\":" })
	void parseWhenNotJsonObjectThenIllegalArgumentException(String json) {
		assertThatIllegalArgumentException().isThrownBy(() -> DiscoveryDocument.parse(json))
			.withMessageContaining("not a JSON object");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "{}", "{\"issuer\":null}", "{\"issuer\":42}", "{\"issuer\":[\"https://idp.example.com\"]}" })
	void parseWhenIssuerNotAStringThenIllegalArgumentException(String json) {
		assertThatIllegalArgumentException().isThrownBy(() -> DiscoveryDocument.parse(json))
			.withMessageContaining("issuer");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"/keys\"", "\"keys\"", "\"ftp://idp.example.com/keys\"", "\"https:///keys\"",
			"\"https://idp example.com/keys\"", "\"javascript:alert(1)\"", "42", "[\"https://idp.example.com/keys\"]",
			"\"file:///etc/passwd\"" })
	void parseWhenJwksUriNotAnAbsoluteHttpUrlThenIllegalArgumentException(String value) {
		String json = "{\"issuer\":\"https://idp.example.com\",\"jwks_uri\":" + value + "}";
		assertThatIllegalArgumentException().isThrownBy(() -> DiscoveryDocument.parse(json))
			.withMessageContaining("'jwks_uri'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "token_endpoint", "userinfo_endpoint", "registration_endpoint",
			"device_authorization_endpoint", "pushed_authorization_request_endpoint" })
	void parseWhenAnyEndpointNotAUrlThenIllegalArgumentException(String member) {
		String json = "{\"issuer\":\"https://idp.example.com\",\"" + member + "\":\"not a url\"}";
		assertThatIllegalArgumentException().isThrownBy(() -> DiscoveryDocument.parse(json))
			.withMessageContaining("'" + member + "'");
	}

	@Test
	void parseWhenHttpUrlThenParsedForThePolicyToJudge() {
		DiscoveryDocument document = DiscoveryDocument
			.parse("{\"issuer\":\"http://idp.example.com\",\"jwks_uri\":\"HTTP://idp.example.com/keys\"}");
		assertThat(document.getJwksUri()).hasScheme("HTTP");
	}

	@Test
	void uriWhenMemberIsNotAUrlMemberThenStillChecked() {
		DiscoveryDocument document = DiscoveryDocument
			.parse("{\"issuer\":\"https://idp.example.com\",\"check_session_iframe\":\"relative\"}");
		assertThatIllegalArgumentException().isThrownBy(() -> document.uri("check_session_iframe"));
		assertThat(document.uri("absent")).isNull();
	}

}
