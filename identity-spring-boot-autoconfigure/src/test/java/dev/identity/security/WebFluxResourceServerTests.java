package dev.identity.security;

import java.util.ArrayList;
import java.util.List;

import dev.identity.autoconfigure.IdentityAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Spring Security's WebFlux resource server on Reactor Netty.
 */
class WebFluxResourceServerTests extends ResourceServerContract {

	@Override
	protected ConfigurableApplicationContext start(List<String> arguments, boolean ownDecoder) {
		List<Class<?>> sources = new ArrayList<>(List.of(Application.class));
		if (ownDecoder) {
			sources.add(OwnDecoder.class);
		}
		List<String> all = new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=0",
				"--spring.main.banner-mode=off", "--spring.jmx.enabled=false"));
		all.addAll(arguments);
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(WebApplicationType.REACTIVE)
			.run(all.toArray(String[]::new));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebFluxSecurity
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, WebClientAutoConfiguration.class,
			JacksonAutoConfiguration.class, CodecsAutoConfiguration.class, WebFluxAutoConfiguration.class,
			ErrorWebFluxAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
			NettyReactiveWebServerAutoConfiguration.class, IdentityAutoConfiguration.class,
			IdentityResourceServerAutoConfiguration.class, IdentitySecurityAutoConfiguration.class })
	@Import(SecuredController.class)
	static class Application {

		/** The application's own chain; the starter adds nothing to it. */
		@Bean
		SecurityWebFilterChain api(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDecoder {

		@Bean
		ReactiveJwtDecoder ownJwtDecoder(@Value("${test.jwk-set-uri}") String jwkSetUri) {
			return NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
		}

	}

}
