package dev.identity.testprovider;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.get;

/**
 * The discovery document a scripted stub serves when it plays a provider: its issuer and
 * the endpoints a test needs, each on the stub itself under a fixed path.
 */
public final class StubDiscovery {

	private static final Map<String, String> PATHS = Map.of("jwks_uri", "/jwks", "token_endpoint", "/token",
			"introspection_endpoint", "/introspect", "revocation_endpoint", "/revoke", "userinfo_endpoint",
			"/userinfo");

	private StubDiscovery() {
	}

	/**
	 * Serve a discovery document.
	 * @param stub the stub
	 * @param issuer the issuer, also the base of every endpoint
	 * @param members the endpoint members to list: {@code jwks_uri},
	 * {@code token_endpoint}, {@code introspection_endpoint},
	 * {@code revocation_endpoint}, {@code userinfo_endpoint}
	 */
	public static void serve(WireMockServer stub, String issuer, String... members) {
		Map<String, String> document = new LinkedHashMap<>();
		document.put("issuer", issuer);
		for (String member : members) {
			String path = PATHS.get(member);
			if (path == null) {
				throw new IllegalArgumentException("no stub path for " + member);
			}
			document.put(member, issuer + path);
		}
		stub.stubFor(get("/.well-known/openid-configuration")
			.willReturn(WireMock.okJson(JsonMapper.builder().build().writeValueAsString(document))));
	}

}
