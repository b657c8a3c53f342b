package dev.identity.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.identity.test.internal.LocalIssuerExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a local OpenID provider ({@link TestIssuer}) started in the
 * test JVM: {@code identity.issuer-uri} (or {@code identity.issuers.<name>.issuer-uri})
 * points at it before the application context starts, in {@code @SpringBootTest},
 * {@code @WebMvcTest} and {@code @WebFluxTest} alike, and {@link TestTokens#token()}
 * mints tokens it signs, for the application's audience and claim names. <pre>
 * &#64;WebMvcTest(NotesController.class)
 * &#64;LocalIssuer
 * class NotesControllerTests {
 *
 *     &#64;Test
 *     void listWhenPermittedThenOk(&#64;Autowired MockMvc mvc) throws Exception {
 *         mvc.perform(get("/api/notes").with(bearer(token().permissions("notes:read"))))
 *             .andExpect(status().isOk());
 *     }
 *
 * }
 * </pre> One issuer per name serves the whole test run, so that cached application
 * contexts stay valid; a test method may take it as a {@link TestIssuer} parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalIssuerExtension.class)
public @interface LocalIssuer {

	/**
	 * Name of the issuer under {@code identity.issuers}, whose {@code issuer-uri} is set
	 * instead of {@code identity.issuer-uri}; empty for the one issuer.
	 * @return the name
	 */
	String name() default "";

}
