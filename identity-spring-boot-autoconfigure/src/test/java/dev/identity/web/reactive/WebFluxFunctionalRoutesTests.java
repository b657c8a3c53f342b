package dev.identity.web.reactive;

import dev.identity.web.FunctionalRoutesContract;
import dev.identity.web.WebStack;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * WebFlux functional routes behind {@link ReactiveIdentityFilterFunctions}.
 */
class WebFluxFunctionalRoutesTests extends FunctionalRoutesContract {

	@Override
	protected WebStack stack() {
		return new WebFluxStack();
	}

	@Override
	protected Class<?> routes() {
		return Routes.class;
	}

	@Configuration(proxyBeanMethods = false)
	static class Routes {

		@Bean
		RouterFunction<ServerResponse> identityRoutes(ReactiveIdentityFilterFunctions identity) {
			return RouterFunctions.route()
				.GET("/fn/token",
						(request) -> identity.token(request)
							.flatMap((token) -> ServerResponse.ok().bodyValue(String.valueOf(token.getSubject()))))
				.GET("/fn/claims",
						(request) -> identity.claims(request)
							.flatMap((claims) -> ServerResponse.ok().bodyValue(String.join(" ", claims.scopes()))))
				.GET("/fn/thread",
						(request) -> identity.token(request)
							.flatMap((token) -> ServerResponse.ok().bodyValue(Thread.currentThread().getName())))
				.filter(identity.authenticated())
				.build()
				.and(RouterFunctions.route()
					.GET("/fn/scope/write", (request) -> ServerResponse.ok().bodyValue("write"))
					.filter(identity.hasScope("write"))
					.build())
				.and(RouterFunctions.route()
					.GET("/fn/role/admin", (request) -> ServerResponse.ok().bodyValue("admin"))
					.filter(identity.hasRole("admin"))
					.build())
				.and(RouterFunctions.route()
					.GET("/fn/permission/read", (request) -> ServerResponse.ok().bodyValue("permission"))
					.filter(identity.hasPermission("read"))
					.build());
		}

	}

}
