package dev.identity.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import dev.identity.web.TokenWebContract.Answer;
import dev.identity.web.TokenWebContract.AppTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functional routes behind the starter's filter functions, against a real provider, alike
 * on both stacks; each answer is compared with the annotated controller's for the same
 * case. A subclass gives its stack and its routes:
 * <ul>
 * <li>{@code /fn/token}: {@code authenticated()}, answers the subject of the token the
 * handler reads;</li>
 * <li>{@code /fn/claims}: {@code authenticated()}, answers the scopes of the claims the
 * handler reads;</li>
 * <li>{@code /fn/scope/write}: {@code hasScope("write")};</li>
 * <li>{@code /fn/role/admin}: {@code hasRole("admin")};</li>
 * <li>{@code /fn/permission/read}: {@code hasPermission("read")}.</li>
 * </ul>
 */
public abstract class FunctionalRoutesContract {

	@RegisterExtension
	protected static final TestProviderExtension provider = new TestProviderExtension();

	/** The stack under test. */
	protected abstract WebStack stack();

	/**
	 * The routes described above, as a configuration of the stack's functional routes.
	 */
	protected abstract Class<?> routes();

	private void run(List<String> more, List<Class<?>> configurations, AppTest test) {
		List<String> properties = new ArrayList<>(
				List.of("identity.issuer-uri=" + provider.issuer(), "identity.audiences=" + TestProvider.CLIENT_ID,
						"identity.claims.roles.claim-names=scope", "identity.claims.permissions.claim-names=scope"));
		properties.addAll(more);
		List<Class<?>> classes = new ArrayList<>(List.of(routes(), WebTestControllers.TokenController.class));
		classes.addAll(configurations);
		stack().start(properties, classes, test);
	}

	private static String bearer(String scope) {
		return "Bearer " + provider.clientCredentialsToken(scope);
	}

	@Test
	void authenticatedWhenValidTokenThenHandlerReadsIt() {
		run(List.of(), List.of(), (http, context) -> {
			String token = bearer("read write");
			assertThat(http.get("/fn/token", token).body()).isEqualTo(TestProvider.CLIENT_ID);
			assertThat(http.get("/fn/claims", token).body()).isEqualTo("read write");
		});
	}

	@Test
	void authenticatedWhenNoTokenThenUnauthorizedAsTheAnnotatedController() {
		run(List.of(), List.of(), (http, context) -> {
			Answer functional = http.get("/fn/token", null);
			assertThat(functional.status()).isEqualTo(401);
			assertSameAnswer(functional, http.get("/token", null));
		});
	}

	@Test
	void authenticatedWhenTokenInvalidThenUnauthorizedAsTheAnnotatedController() {
		String tampered = "Bearer " + TokenWebContract.tamper(provider.clientCredentialsToken("read"));
		run(List.of(), List.of(), (http, context) -> {
			Answer functional = http.get("/fn/token", tampered);
			assertThat(functional.status()).isEqualTo(401);
			assertThat(functional.challenge()).startsWith("Bearer error=\"invalid_token\"");
			assertSameAnswer(functional, http.get("/token", tampered));
		});
	}

	@Test
	void requirementWhenTokenLacksItThenForbiddenAsTheAnnotatedController() {
		run(List.of(), List.of(), (http, context) -> {
			String read = bearer("read");
			Answer scope = http.get("/fn/scope/write", read);
			assertThat(scope.status()).isEqualTo(403);
			assertThat(scope.challenge()).endsWith("scope=\"write\"");
			assertSameAnswer(scope, http.get("/scope/write", read));
			Answer role = http.get("/fn/role/admin", read);
			assertThat(role.status()).isEqualTo(403);
			assertSameAnswer(role, http.get("/role/admin", read));
			assertThat(http.get("/fn/permission/read", read).body()).isEqualTo("permission");
			assertThat(http.get("/fn/scope/write", bearer("write")).body()).isEqualTo("write");
			assertThat(http.get("/fn/scope/write", null).status()).isEqualTo(401);
		});
	}

	@Test
	void filterWhenProviderUnreachableThenServiceUnavailableAsTheAnnotatedController() {
		String token = bearer("read");
		run(List.of("identity.issuer-uri=http://127.0.0.1:1", "identity.http.max-attempts=1"), List.of(),
				(http, context) -> {
					Answer functional = http.get("/fn/scope/write", token);
					assertThat(functional.status()).isEqualTo(503);
					assertThat(functional.headers().containsHeader(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
					assertSameAnswer(functional, http.get("/scope/write", token));
				});
	}

	@Test
	void filterAndHandlerWhenBothReadTheTokenThenValidatedOnce() {
		run(List.of(TokenWebContract.NO_CACHE), List.of(TokenWebContract.CountingRuleConfiguration.class),
				(http, context) -> {
					AtomicInteger validations = context.getBean(AtomicInteger.class);
					assertThat(http.get("/fn/claims", bearer("read")).status()).isEqualTo(200);
					assertThat(validations).hasValue(1);
				});
	}

	@Test
	void startWhenRoutesNeedTheFiltersWithoutIssuerThenFails() {
		Throwable failure = stack().startupFailure(List.of(), List.of(routes()));
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(NoSuchBeanDefinitionException.class)
			.hasMessageContaining("IdentityFilterFunctions");
	}

	private static void assertSameAnswer(Answer functional, Answer annotated) {
		assertThat(functional.status()).isEqualTo(annotated.status());
		assertThat(functional.challenge()).isEqualTo(annotated.challenge());
		assertThat(functional.json()).isEqualTo(annotated.json());
		assertThat(functional.headers().getContentType()).isEqualTo(annotated.headers().getContentType());
	}

}
