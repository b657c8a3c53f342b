package dev.identity.sample.webflux;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A Spring WebFlux notes API protected by bearer tokens of an OpenID provider, with
 * browser login. Without {@code identity.issuer-uri} it starts a development provider of
 * its own; start it with
 * {@code --identity.issuer-uri=https://login.example.com/realms/main} to use a real one.
 */
@SpringBootApplication
@EnableScheduling
public class WebFluxSampleApplication {

	public static void main(String[] args) {
		// Reactive although a servlet container is on the class path too, for the
		// development provider
		// (spring.main.web-application-type in application.yml says the same for tests).
		new SpringApplicationBuilder(WebFluxSampleApplication.class).web(WebApplicationType.REACTIVE).run(args);
	}

}
