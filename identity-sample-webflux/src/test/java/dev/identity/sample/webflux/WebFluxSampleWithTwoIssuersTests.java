package dev.identity.sample.webflux;

import dev.identity.testprovider.SampleWithTwoIssuersTests;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WebFluxSampleWithTwoIssuersTests extends SampleWithTwoIssuersTests {

}
