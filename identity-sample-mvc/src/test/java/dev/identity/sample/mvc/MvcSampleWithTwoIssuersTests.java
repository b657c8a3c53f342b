package dev.identity.sample.mvc;

import dev.identity.testprovider.SampleWithTwoIssuersTests;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MvcSampleWithTwoIssuersTests extends SampleWithTwoIssuersTests {

}
