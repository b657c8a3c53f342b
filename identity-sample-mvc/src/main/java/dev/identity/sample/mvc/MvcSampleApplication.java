package dev.identity.sample.mvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring MVC API protected by bearer tokens of an OpenID provider. Start it with
 * {@code --identity.issuer-uri=https://login.example.com/realms/main}.
 */
@SpringBootApplication
public class MvcSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(MvcSampleApplication.class, args);
	}

}
