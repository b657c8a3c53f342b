package dev.identity.test.example;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the module's tests run: one controller using the starter's parameters
 * and requirements, as a user's would.
 */
@SpringBootApplication
public class ExampleApplication {

}
