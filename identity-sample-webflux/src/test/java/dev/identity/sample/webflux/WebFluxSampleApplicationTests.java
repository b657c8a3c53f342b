package dev.identity.sample.webflux;

import dev.identity.testprovider.SampleApiContractTests;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

// The provider runs on Tomcat, so the test class path holds a servlet container too.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.main.web-application-type=reactive",
		WebFluxSampleApplicationTests.WITHOUT_PROVIDER_SECURITY })
class WebFluxSampleApplicationTests extends SampleApiContractTests {

	/**
	 * Spring Security and Spring Authorization Server are on the test class path for the embedded
	 * provider only; the sample itself has no security of its own.
	 */
	static final String WITHOUT_PROVIDER_SECURITY = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration";

}
