package dev.identity.login;

import java.net.URI;

import dev.identity.core.DiscoveryDocument;
import org.junit.jupiter.api.Test;

import static dev.identity.login.LoginTestTokens.CLIENT_ID;
import static dev.identity.login.LoginTestTokens.ISSUER;
import static dev.identity.login.LoginTestTokens.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LogoutRequestTests {

	private static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl";

	private static final URI AFTER_LOGOUT = URI.create("https://app.example.com/logged-out");

	private static final DiscoveryDocument DISCOVERY = DiscoveryDocument.parse("""
			{"issuer": "https://idp.example.com",
			 "authorization_endpoint": "https://idp.example.com/authorize",
			 "end_session_endpoint": "https://idp.example.com/logout"}""");

	@Test
	void buildThenRpInitiatedLogoutParametersSent() {
		LogoutRequest request = LogoutRequest.withDiscovery(DISCOVERY)
			.idTokenHint(ID_TOKEN)
			.clientId(CLIENT_ID)
			.postLogoutRedirectUri(AFTER_LOGOUT)
			.state("xyz")
			.logoutHint("jane")
			.uiLocales("de fr")
			.build();
		assertThat(request.getUri().toString()).startsWith("https://idp.example.com/logout?id_token_hint=");
		assertThat(query(request.getUri())).containsEntry("id_token_hint", ID_TOKEN)
			.containsEntry("client_id", CLIENT_ID)
			.containsEntry("post_logout_redirect_uri", AFTER_LOGOUT.toString())
			.containsEntry("state", "xyz")
			.containsEntry("logout_hint", "jane")
			.containsEntry("ui_locales", "de fr")
			.hasSize(6);
	}

	@Test
	void buildWhenOnlyHintThenNoOtherParameters() {
		LogoutRequest request = LogoutRequest.withDiscovery(DISCOVERY).idTokenHint(ID_TOKEN).build();
		assertThat(query(request.getUri())).containsOnlyKeys("id_token_hint");
	}

	@Test
	void buildWhenNothingGivenThenBareEndpoint() {
		assertThat(LogoutRequest.withDiscovery(DISCOVERY).build().getUri())
			.isEqualTo(URI.create("https://idp.example.com/logout"));
	}

	@Test
	void buildWhenOddCharactersThenPercentEncoded() {
		LogoutRequest request = LogoutRequest.withDiscovery(DISCOVERY)
			.clientId(CLIENT_ID)
			.postLogoutRedirectUri(URI.create("https://app.example.com/bye?from=idp&lang=fr"))
			.state("a b+c&d=\u00e9")
			.build();
		String raw = request.getUri().getRawQuery();
		assertThat(raw)
			.contains("post_logout_redirect_uri=https%3A%2F%2Fapp.example.com%2Fbye%3Ffrom%3Didp%26lang%3Dfr");
		assertThat(raw).contains("state=a%20b%2Bc%26d%3D%C3%A9");
		assertThat(query(request.getUri())).containsEntry("state", "a b+c&d=\u00e9");
	}

	@Test
	void withDiscoveryWhenNoEndSessionEndpointThenTypedError() {
		DiscoveryDocument discovery = DiscoveryDocument.parse("""
				{"issuer": "https://idp.example.com",
				 "authorization_endpoint": "https://idp.example.com/authorize"}""");
		assertThatExceptionOfType(EndSessionNotSupportedException.class)
			.isThrownBy(() -> LogoutRequest.withDiscovery(discovery))
			.withMessageContaining(ISSUER)
			.withMessageContaining("end_session_endpoint")
			.satisfies((ex) -> assertThat(ex.getIssuer()).isEqualTo(ISSUER));
	}

	@Test
	void buildWhenPostLogoutRedirectWithoutHintOrClientIdThenRejected() {
		LogoutRequest.Builder builder = LogoutRequest.withDiscovery(DISCOVERY).postLogoutRedirectUri(AFTER_LOGOUT);
		assertThatIllegalStateException().isThrownBy(builder::build).withMessageContaining("client id");
		assertThat(builder.clientId(CLIENT_ID).build().getUri()).isNotNull();
	}

	@Test
	void postLogoutRedirectUriWhenRelativeThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LogoutRequest.withDiscovery(DISCOVERY).postLogoutRedirectUri(URI.create("/bye")));
	}

	@Test
	void buildWhenEndpointHasQueryThenQueryKept() {
		LogoutRequest request = LogoutRequest.withEndpoint(URI.create("https://idp.example.com/logout?p=b2c_1_signin"))
			.idTokenHint(ID_TOKEN)
			.build();
		assertThat(request.getUri().toString())
			.startsWith("https://idp.example.com/logout?p=b2c_1_signin&id_token_hint=");
	}

	@Test
	void parameterWhenItHasOwnMethodThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LogoutRequest.withDiscovery(DISCOVERY).parameter("id_token_hint", ID_TOKEN));
		assertThat(query(LogoutRequest.withDiscovery(DISCOVERY)
			.parameter("returnTo", "https://app.example.com/")
			.build()
			.getUri())).containsEntry("returnTo", "https://app.example.com/");
	}

	@Test
	void toStringThenNoIdTokenHint() {
		LogoutRequest request = LogoutRequest.withDiscovery(DISCOVERY).idTokenHint(ID_TOKEN).build();
		assertThat(request.toString()).doesNotContain(ID_TOKEN).contains("https://idp.example.com/logout");
	}

}
