package dev.identity.browser.reactive;

import java.util.Objects;
import java.util.Optional;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import dev.identity.browser.BrowserLoginIntegrationTests;
import dev.identity.browser.LastUser;
import dev.identity.client.ReactiveOAuthClient;
import dev.identity.client.SmartOAuthClient;
import dev.identity.login.AuthenticatedUser;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebSessionIdResolverAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;

/**
 * The browser login of a Spring WebFlux application on Reactor Netty, against the real
 * provider.
 */
@SpringBootTest(classes = BrowserLoginWebFluxIntegrationTests.WebFluxApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class BrowserLoginWebFluxIntegrationTests extends BrowserLoginIntegrationTests {

	@Autowired
	private WebSessionManager sessions;

	@Override
	protected String sessionCookie() {
		return "SESSION";
	}

	@Override
	protected int storedSessions() {
		WebSessionStore store = ((DefaultWebSessionManager) this.sessions).getSessionStore();
		return ((InMemoryWebSessionStore) store).getSessions().size();
	}

	@Override
	protected SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(WebFluxApplication.class).web(WebApplicationType.REACTIVE);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class,
			NettyReactiveWebServerAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
			WebFluxAutoConfiguration.class, WebSessionIdResolverAutoConfiguration.class,
			ErrorWebFluxAutoConfiguration.class, CodecsAutoConfiguration.class, JacksonAutoConfiguration.class,
			HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
			ReactiveHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
			WebClientAutoConfiguration.class, IdentityAutoConfiguration.class,
			BrowserLoginWebFluxAutoConfiguration.class })
	@Import({ LastUser.class, WebFluxPages.class })
	static class WebFluxApplication {

	}

	@RestController
	static class WebFluxPages {

		private final LastUser lastUser;

		private final ReactiveBrowserSession sessions;

		private final SmartOAuthClient smart;

		private final ReactiveOAuthClient client;

		WebFluxPages(LastUser lastUser, ReactiveBrowserSession sessions, SmartOAuthClient smart,
				ReactiveOAuthClient client) {
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
		String visit(WebSession session) {
			session.getAttributes().put("visited", true);
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
		Mono<String> status(ServerWebExchange exchange) {
			return this.sessions.isAuthenticated(exchange).map(String::valueOf);
		}

		@GetMapping("/userinfo")
		Mono<String> userInfo(AuthenticatedUser user) {
			return this.smart.userInfoAsync(user.getAccessToken(), user.getSubject())
				.map((info) -> info.getSubject() + "|" + info.getSubject().equals(user.getSubject()));
		}

		@GetMapping("/refresh")
		Mono<String> refresh(AuthenticatedUser user) {
			return this.client.refresh(Objects.requireNonNull(user.getRefreshToken()))
				.map((tokens) -> "new-access-token=" + !tokens.getAccessToken().equals(user.getAccessToken()));
		}

	}

}
