package dev.identity.browser.servlet;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.browser.BrowserLoginIntegrationTests;
import dev.identity.browser.LastUser;
import dev.identity.client.OAuthClient;
import dev.identity.client.SmartOAuthClient;
import dev.identity.core.TokenResponse;
import dev.identity.core.UserInfo;
import dev.identity.login.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser login of a Spring MVC application on Tomcat, against the real provider.
 */
@SpringBootTest(classes = BrowserLoginWebMvcIntegrationTests.MvcApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// The provider's session cookie is JSESSIONID on the same host; cookies ignore
		// ports.
		properties = "server.servlet.session.cookie.name=APPSESSION")
class BrowserLoginWebMvcIntegrationTests extends BrowserLoginIntegrationTests {

	@Autowired
	private SessionCounter sessions;

	@Override
	protected String sessionCookie() {
		return "APPSESSION";
	}

	@Override
	protected int storedSessions() {
		return this.sessions.created.get();
	}

	@Override
	protected SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(MvcApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.servlet.session.cookie.name=APPSESSION");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class,
			TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
			HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
			ReactiveHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
			WebClientAutoConfiguration.class, IdentityAutoConfiguration.class,
			BrowserLoginWebMvcAutoConfiguration.class })
	@Import({ LastUser.class, MvcPages.class, SessionCounter.class })
	static class MvcApplication {

	}

	/** Registered with Tomcat as a listener, as any {@code HttpSessionListener} bean. */
	static class SessionCounter implements HttpSessionListener {

		final AtomicInteger created = new AtomicInteger();

		@Override
		public void sessionCreated(HttpSessionEvent event) {
			this.created.incrementAndGet();
		}

	}

	@RestController
	static class MvcPages {

		private final LastUser lastUser;

		private final BrowserSession sessions;

		private final SmartOAuthClient smart;

		private final OAuthClient client;

		MvcPages(LastUser lastUser, BrowserSession sessions, SmartOAuthClient smart, OAuthClient client) {
			this.lastUser = lastUser;
			this.sessions = sessions;
			this.smart = smart;
			this.client = client;
		}

		@GetMapping("/")
		String home() {
			return "home";
		}

		@GetMapping("/visit")
		String visit(HttpSession session) {
			session.setAttribute("visited", true);
			return "visited";
		}

		@GetMapping("/me")
		String me(AuthenticatedUser user) {
			this.lastUser.set(user);
			return "sub=" + user.getSubject() + "|name=" + user.getName() + "|email=" + user.getEmail();
		}

		@GetMapping("/maybe")
		String maybe(@Nullable AuthenticatedUser user) {
			return (user != null) ? user.getSubject() : "anonymous";
		}

		@GetMapping("/optional")
		String optional(Optional<AuthenticatedUser> user) {
			return user.map(AuthenticatedUser::getSubject).orElse("none");
		}

		@GetMapping("/status")
		String status(HttpServletRequest request) {
			return String.valueOf(this.sessions.isAuthenticated(request));
		}

		@GetMapping("/userinfo")
		String userInfo(AuthenticatedUser user) {
			UserInfo info = this.smart.userInfo(user.getAccessToken(), user.getSubject());
			return info.getSubject() + "|" + info.getSubject().equals(user.getSubject());
		}

		@GetMapping("/refresh")
		String refresh(AuthenticatedUser user) {
			TokenResponse tokens = this.client.refresh(Objects.requireNonNull(user.getRefreshToken()));
			return "new-access-token=" + !tokens.getAccessToken().equals(user.getAccessToken());
		}

	}

}
