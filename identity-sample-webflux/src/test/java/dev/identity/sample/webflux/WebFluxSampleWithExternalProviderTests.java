package dev.identity.sample.webflux;

import dev.identity.testprovider.SampleWithExternalProviderTests;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WebFluxSampleWithExternalProviderTests extends SampleWithExternalProviderTests {

}
