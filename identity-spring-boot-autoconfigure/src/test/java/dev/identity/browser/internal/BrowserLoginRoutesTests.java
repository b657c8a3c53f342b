package dev.identity.browser.internal;

import java.util.function.Consumer;

import dev.identity.browser.BrowserLoginProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which request is which endpoint of the browser login.
 */
class BrowserLoginRoutesTests {

	@Test
	void endpointWhenPathAndMethodMatchThenEndpointElseApplication() {
		BrowserLoginRoutes routes = routes((properties) -> {
		});
		assertThat(routes.endpoint("GET", "/login")).isEqualTo(BrowserLoginRoutes.Endpoint.LOGIN);
		assertThat(routes.endpoint("GET", "/register")).isEqualTo(BrowserLoginRoutes.Endpoint.REGISTER);
		assertThat(routes.endpoint("GET", "/login/callback")).isEqualTo(BrowserLoginRoutes.Endpoint.CALLBACK);
		assertThat(routes.endpoint("GET", "/logout")).isEqualTo(BrowserLoginRoutes.Endpoint.LOGOUT_PAGE);
		assertThat(routes.endpoint("POST", "/logout")).isEqualTo(BrowserLoginRoutes.Endpoint.LOGOUT);
		assertThat(routes.endpoint("POST", "/login")).isNull();
		assertThat(routes.endpoint("POST", "/login/callback")).isNull();
		assertThat(routes.endpoint("DELETE", "/logout")).isNull();
		assertThat(routes.endpoint("GET", "/login/")).isNull();
		assertThat(routes.endpoint("GET", "/orders")).isNull();
	}

	@Test
	void endpointWhenPathsConfiguredThenThoseServed() {
		BrowserLoginRoutes routes = routes((properties) -> {
			properties.setLoginPath("/auth/in");
			properties.setCallbackPath("/login/oauth2/code/idp");
		});
		assertThat(routes.endpoint("GET", "/auth/in")).isEqualTo(BrowserLoginRoutes.Endpoint.LOGIN);
		assertThat(routes.endpoint("GET", "/login/oauth2/code/idp")).isEqualTo(BrowserLoginRoutes.Endpoint.CALLBACK);
		assertThat(routes.endpoint("GET", "/login")).isNull();
	}

	private static BrowserLoginRoutes routes(Consumer<BrowserLoginProperties> customizer) {
		BrowserLoginProperties properties = new BrowserLoginProperties();
		customizer.accept(properties);
		return new BrowserLoginRoutes(new BrowserLoginSettings(properties, LoginEngineSettings.of(false)));
	}

}
