package dev.identity.sample.mvc;

import dev.identity.testprovider.StalledProviderSampleTests;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MvcSampleStalledProviderTests extends StalledProviderSampleTests {

}
