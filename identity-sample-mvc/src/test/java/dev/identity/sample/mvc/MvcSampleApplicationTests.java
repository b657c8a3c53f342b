package dev.identity.sample.mvc;

import dev.identity.testprovider.SampleApiContractTests;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = MvcSampleApplicationTests.WITHOUT_PROVIDER_SECURITY)
class MvcSampleApplicationTests extends SampleApiContractTests {

	/**
	 * Spring Security and Spring Authorization Server are on the test class path for the embedded
	 * provider only; the sample itself has no security of its own.
	 */
	static final String WITHOUT_PROVIDER_SECURITY = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
			+ "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
			+ "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration";

}
