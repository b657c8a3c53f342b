package dev.identity.web.servlet;

import dev.identity.web.FunctionalRoutesContract;
import dev.identity.web.WebStack;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Spring MVC functional routes behind {@link IdentityFilterFunctions}.
 */
class WebMvcFunctionalRoutesTests extends FunctionalRoutesContract {

	@Override
	protected WebStack stack() {
		return new MvcStack();
	}

	@Override
	protected Class<?> routes() {
		return Routes.class;
	}

	@Configuration(proxyBeanMethods = false)
	static class Routes {

		@Bean
		RouterFunction<ServerResponse> identityRoutes(IdentityFilterFunctions identity) {
			return RouterFunctions.route()
				.GET("/fn/token", (request) -> ServerResponse.ok().body(identity.token(request).getSubject()))
				.GET("/fn/claims",
						(request) -> ServerResponse.ok().body(String.join(" ", identity.claims(request).scopes())))
				.filter(identity.authenticated())
				.build()
				.and(RouterFunctions.route()
					.GET("/fn/scope/write", (request) -> ServerResponse.ok().body("write"))
					.filter(identity.hasScope("write"))
					.build())
				.and(RouterFunctions.route()
					.GET("/fn/role/admin", (request) -> ServerResponse.ok().body("admin"))
					.filter(identity.hasRole("admin"))
					.build())
				.and(RouterFunctions.route()
					.GET("/fn/permission/read", (request) -> ServerResponse.ok().body("permission"))
					.filter(identity.hasPermission("read"))
					.build());
		}

	}

}
