package dev.identity.sample.mvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A Spring MVC notes API protected by bearer tokens of an OpenID provider, with browser
 * login. Without {@code identity.issuer-uri} it starts a development provider of its own;
 * start it with {@code --identity.issuer-uri=https://login.example.com/realms/main} to
 * use a real one.
 */
@SpringBootApplication
@EnableScheduling
public class MvcSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(MvcSampleApplication.class, args);
	}

}
