package dev.identity.browser.internal;

import java.net.URI;
import java.util.List;

import dev.identity.browser.ApplicationUrl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request without a user: a page navigation goes to the login, anything else gets
 * {@code 401}.
 */
class LoginNegotiationTests {

	private static final ApplicationUrl APP = new ApplicationUrl("https", "app.example.com", 443, "");

	@Test
	void loginRedirectWhenPageNavigationThenLoginComingBackElseUnauthorized() {
		LoginNegotiation negotiation = new LoginNegotiation("/login");
		List<String> page = List.of("text/html,application/xhtml+xml,*/*;q=0.8");
		assertThat(negotiation.loginRedirect("GET", page, "/orders/7", "tab=items&x=%20", APP))
			.isEqualTo(URI.create("/login?returnTo=%2Forders%2F7%3Ftab%3Ditems%26x%3D%2520"));
		assertThat(negotiation.loginRedirect("HEAD", page, "/orders", null, APP))
			.isEqualTo(URI.create("/login?returnTo=%2Forders"));
		assertThat(
				negotiation.loginRedirect("GET", page, "/orders", null, new ApplicationUrl("https", "a", 443, "/shop")))
			.isEqualTo(URI.create("/shop/login?returnTo=%2Forders"));
		assertThat(negotiation.loginRedirect("GET", List.of("application/json"), "/orders", null, APP)).isNull();
		assertThat(negotiation.loginRedirect("GET", List.of("*/*"), "/orders", null, APP)).isNull();
		assertThat(negotiation.loginRedirect("GET", List.of(), "/orders", null, APP)).isNull();
		assertThat(negotiation.loginRedirect("GET", List.of("text/html;;;=="), "/orders", null, APP)).isNull();
		assertThat(negotiation.loginRedirect("POST", page, "/orders", null, APP)).isNull();
	}

}
