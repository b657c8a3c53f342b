package dev.identity.sample.webflux;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A Spring WebFlux API protected by bearer tokens of an OpenID provider. Start it with
 * {@code --identity.issuer-uri=https://login.example.com/realms/main}.
 */
@SpringBootApplication
public class WebFluxSampleApplication {

	public static void main(String[] args) {
		// Reactive even when a servlet container is on the class path too (as in the tests, for the
		// embedded provider): that choice decides which identity client is configured.
		new SpringApplicationBuilder(WebFluxSampleApplication.class).web(WebApplicationType.REACTIVE).run(args);
	}

}
