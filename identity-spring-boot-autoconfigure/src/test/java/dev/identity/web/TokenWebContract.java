package dev.identity.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.identity.core.ClaimRule;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What controllers see of bearer tokens, against a real provider: the same tests for
 * Spring MVC and WebFlux, so that the two stacks cannot answer differently. A subclass
 * boots the application of its stack and sends requests to it.
 * <p>
 * The provider's client-credentials tokens carry {@code sub} and {@code aud}
 * {@value TestProvider#CLIENT_ID} and the requested scopes; the application reads those
 * scopes as roles and permissions too.
 */
public abstract class TokenWebContract {

	/**
	 * The property that turns the validated-token cache off, so each validation verifies.
	 */
	protected static final String NO_CACHE = "identity.validation-cache.enabled=false";

	/**
	 * Counts the token verifications the engine runs, through an application claim rule
	 * (which runs once per verification), in an {@link AtomicInteger} bean. With the
	 * cache off ({@link #NO_CACHE}), each validation of a token verifies it.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class CountingRuleConfiguration {

		@Bean
		AtomicInteger validations() {
			return new AtomicInteger();
		}

		@Bean
		ClaimRule countingRule(AtomicInteger validations) {
			return ClaimRule.require("counting", (token) -> validations.incrementAndGet() > 0, "never refused");
		}

	}

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	protected static final TestProviderExtension provider = new TestProviderExtension();

	/**
	 * Start the application of the stack with the identity auto-configurations, the
	 * controllers of {@link WebTestControllers} and the given configurations, and run a
	 * test against it.
	 * @param properties the application's properties
	 * @param configurations user configurations besides the controllers
	 * @param test the test
	 */
	protected abstract void start(List<String> properties, List<Class<?>> configurations, AppTest test);

	private void run(List<String> properties, List<Class<?>> configurations, AppTest test) {
		List<String> all = new ArrayList<>();
		if (properties.stream().noneMatch((property) -> property.startsWith("identity.issuer-uri="))) {
			all.add("identity.issuer-uri=" + provider.issuer());
		}
		all.add("identity.audiences=" + TestProvider.CLIENT_ID);
		all.add("identity.claims.roles.claim-names=scope");
		all.add("identity.claims.permissions.claim-names=scope");
		all.addAll(properties);
		List<Class<?>> classes = new ArrayList<>(
				List.of(WebTestControllers.TokenController.class, WebTestControllers.ReadController.class));
		classes.addAll(configurations);
		start(all, classes, test);
	}

	private void appRun(AppTest test) {
		run(List.of(), List.of(), test);
	}

	@Test
	void tokenParameterWhenValidTokenThenHandlerGetsIt() {
		appRun((http, context) -> {
			Answer answer = http.get("/token", bearer("read"));
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo(TestProvider.CLIENT_ID);
		});
	}

	@Test
	void tokenParameterWhenNoTokenThenUnauthorizedWithChallenge() {
		appRun((http, context) -> {
			Answer answer = http.get("/token", null);
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.challenge())
				.isEqualTo("Bearer error=\"invalid_token\", error_description=\"a bearer token is required\"");
			assertThat(answer.json().path("error").asString()).isEqualTo("invalid_token");
			assertThat(answer.headers().getContentType()).hasToString("application/json");
		});
	}

	@Test
	void tokenParameterWhenAnotherSchemeThenUnauthorized() {
		appRun((http, context) -> {
			Answer answer = http.get("/token", "Basic dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQ=");
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.challenge()).contains("error=\"invalid_token\"");
		});
	}

	@Test
	void tokenParameterWhenMalformedBearerHeaderThenUnauthorized() {
		appRun((http, context) -> {
			Answer answer = http.get("/token", "Bearer not\"a-token");
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.challenge()).contains("error=\"invalid_token\"").contains("format");
		});
	}

	@Test
	void tokenParameterWhenTamperedThenUnauthorizedWithoutEchoingTheToken() {
		String tampered = tamper(provider.clientCredentialsToken("read"));
		appRun((http, context) -> {
			Answer answer = http.get("/token", "Bearer " + tampered);
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.challenge()).startsWith("Bearer error=\"invalid_token\"");
			assertThat(answer.json().path("error").asString()).isEqualTo("invalid_token");
			String signature = tampered.substring(tampered.lastIndexOf('.') + 1);
			assertThat(answer.body()).doesNotContain(tampered).doesNotContain(signature);
			assertThat(answer.headers().toString()).doesNotContain(tampered).doesNotContain(signature);
		});
	}

	@Test
	void tokenParameterWhenProviderDownThenServiceUnavailableWithoutChallenge() {
		String token = provider.clientCredentialsToken("read");
		run(List.of("identity.issuer-uri=http://127.0.0.1:1", "identity.http.max-attempts=1"), List.of(),
				(http, context) -> {
					Answer answer = http.get("/token", "Bearer " + token);
					assertThat(answer.status()).isEqualTo(503);
					assertThat(answer.headers().containsHeader(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
					assertThat(answer.json().path("error").asString()).isEqualTo("temporarily_unavailable");
					assertThat(answer.body()).doesNotContain(token).doesNotContain("127.0.0.1");
					// Without a token there is nothing to ask the provider: still a 401.
					assertThat(http.get("/token", null).status()).isEqualTo(401);
				});
	}

	@Test
	void claimsParameterWhenValidTokenThenTheTokensScopes() {
		appRun((http, context) -> assertThat(http.get("/claims", bearer("read write")).body()).isEqualTo("read write"));
	}

	@Test
	void optionalTokenWhenNoTokenThenHandlerRunsAnonymously() {
		appRun((http, context) -> {
			assertThat(http.get("/optional", null).body()).isEqualTo("anonymous");
			assertThat(http.get("/nullable", null).body()).isEqualTo("anonymous");
			assertThat(http.get("/optional", bearer("read")).body()).isEqualTo(TestProvider.CLIENT_ID);
			assertThat(http.get("/nullable", bearer("read")).body()).isEqualTo(TestProvider.CLIENT_ID);
		});
	}

	@Test
	void optionalTokenWhenTokenInvalidThenStillUnauthorized() {
		String tampered = "Bearer " + tamper(provider.clientCredentialsToken("read"));
		appRun((http, context) -> {
			assertThat(http.get("/optional", tampered).status()).isEqualTo(401);
			assertThat(http.get("/nullable", tampered).status()).isEqualTo(401);
		});
	}

	@Test
	void claimParameterWhenPresentThenBoundWithItsType() {
		appRun((http, context) -> {
			Answer answer = http.get("/claim", bearer("read"));
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo(TestProvider.CLIENT_ID + " [" + TestProvider.CLIENT_ID + "] true");
		});
	}

	@Test
	void claimParameterWhenRequiredClaimMissingThenForbiddenInsufficientScope() {
		appRun((http, context) -> {
			Answer answer = http.get("/claim/missing", bearer("read"));
			assertThat(answer.status()).isEqualTo(403);
			assertThat(answer.challenge()).startsWith("Bearer error=\"insufficient_scope\"");
			assertThat(answer.json().path("error").asString()).isEqualTo("insufficient_scope");
			assertThat(http.get("/claim/missing", null).status()).isEqualTo(401);
		});
	}

	@Test
	void claimParameterWhenOptionalClaimMissingThenEmpty() {
		appRun((http, context) -> {
			assertThat(http.get("/claim/optional", bearer("read")).body()).isEqualTo("null false");
			assertThat(http.get("/claim/optional", null).body()).isEqualTo("null false");
		});
	}

	@Test
	void requireScopeWhenTokenHasItThenHandlerRuns() {
		appRun((http, context) -> {
			assertThat(http.get("/scope/read", bearer("read")).body()).isEqualTo("read");
			assertThat(http.get("/scope/write", bearer("read write")).body()).isEqualTo("write");
			assertThat(http.get("/scope/any", bearer("read")).body()).isEqualTo("any");
		});
	}

	@Test
	void requireScopeWhenTokenLacksItThenForbiddenNamingTheScope() {
		appRun((http, context) -> {
			Answer answer = http.get("/scope/write", bearer("read"));
			assertThat(answer.status()).isEqualTo(403);
			assertThat(answer.challenge()).startsWith("Bearer error=\"insufficient_scope\"")
				.endsWith("scope=\"write\"");
			assertThat(answer.json().path("error").asString()).isEqualTo("insufficient_scope");
			assertThat(answer.body()).isNotEqualTo("write");
		});
	}

	@Test
	void requireScopeWhenNoTokenThenUnauthorized() {
		appRun((http, context) -> {
			Answer answer = http.get("/scope/read", null);
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.challenge()).contains("error=\"invalid_token\"");
		});
	}

	@Test
	void requireRoleWhenTokenHasItThenHandlerRunsElseForbidden() {
		appRun((http, context) -> {
			assertThat(http.get("/role/read", bearer("read")).body()).isEqualTo("role");
			Answer answer = http.get("/role/admin", bearer("read write"));
			assertThat(answer.status()).isEqualTo(403);
			assertThat(answer.challenge()).startsWith("Bearer error=\"insufficient_scope\"").doesNotContain("admin");
		});
	}

	@Test
	void requirePermissionWhenTokenHasItThenHandlerRunsElseForbidden() {
		appRun((http, context) -> {
			assertThat(http.get("/permission/read", bearer("read")).body()).isEqualTo("permission");
			assertThat(http.get("/permission/delete", bearer("read write")).status()).isEqualTo(403);
			assertThat(http.get("/permission/delete", null).status()).isEqualTo(401);
		});
	}

	@Test
	void requireScopeWhenOnClassAndMethodThenBothMustHold() {
		appRun((http, context) -> {
			assertThat(http.get("/class/read", bearer("read")).body()).isEqualTo("class read");
			assertThat(http.get("/class/write", bearer("read")).status()).isEqualTo(403);
			assertThat(http.get("/class/write", bearer("write")).status()).isEqualTo(403);
			assertThat(http.get("/class/write", bearer("read write")).body()).isEqualTo("class write");
			assertThat(http.get("/class/read", null).status()).isEqualTo(401);
		});
	}

	@Test
	void tokenWhenNeededByRequirementAndSeveralParametersThenValidatedOncePerRequest() {
		String token = bearer("read");
		run(List.of(NO_CACHE), List.of(CountingRuleConfiguration.class), (http, context) -> {
			AtomicInteger validations = context.getBean(AtomicInteger.class);
			Answer answer = http.get("/once", token);
			assertThat(answer.body()).isEqualTo("same");
			assertThat(validations).hasValue(1);
			http.get("/once", token);
			assertThat(validations).hasValue(2);
		});
	}

	@Test
	void requirementWhenCorsPreFlightThenAnsweredWithoutToken() {
		appRun((http, context) -> {
			Answer preFlight = http.send(HttpMethod.OPTIONS, "/cors", null, HttpHeaders.ORIGIN, "https://app.example",
					HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET");
			assertThat(preFlight.status()).as(preFlight.toString()).isEqualTo(200);
			assertThat(preFlight.headers().getAccessControlAllowOrigin()).isEqualTo("https://app.example");
			assertThat(http.get("/cors", null).status()).isEqualTo(401);
			// The pre-flight headers on another method do not make a request a pre-flight
			// one.
			assertThat(http
				.send(HttpMethod.GET, "/cors", null, HttpHeaders.ORIGIN, "https://app.example",
						HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
				.status()).isEqualTo(401);
		});
	}

	@Test
	void answerWhenApplicationHasCatchAllExceptionHandlerThenStillRfc6750() {
		run(List.of(), List.of(WebTestControllers.CatchAllAdvice.class), (http, context) -> {
			assertThat(http.get("/token", null).status()).isEqualTo(401);
			assertThat(http.get("/scope/read", null).status()).isEqualTo(401);
			assertThat(http.get("/scope/write", bearer("read")).status()).isEqualTo(403);
			assertThat(http.get("/claim/missing", bearer("read")).status()).isEqualTo(403);
		});
	}

	@Test
	void tokenParameterWhenApplicationClaimRuleRefusesThenUnauthorizedWithFixedPhrase() {
		run(List.of(), List.of(WebTestControllers.NoWriteScopeRule.class), (http, context) -> {
			assertThat(http.get("/token", bearer("read")).status()).isEqualTo(200);
			Answer refused = http.get("/token", bearer("read write"));
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.challenge()).isEqualTo("Bearer error=\"invalid_token\", "
					+ "error_description=\"the token is refused by the application's claims rules\"");
			assertThat(refused.body()).doesNotContain("write scope is not accepted");
		});
	}

	private static String bearer(String scope) {
		return "Bearer " + provider.clientCredentialsToken(scope);
	}

	/** The same token with one character of its payload changed. */
	protected static String tamper(String token) {
		int position = token.indexOf('.') + 10;
		char replacement = (token.charAt(position) == 'A') ? 'B' : 'A';
		return token.substring(0, position) + replacement + token.substring(position + 1);
	}

	/**
	 * A test of a running application.
	 */
	@FunctionalInterface
	public interface AppTest {

		void run(Http http, ApplicationContext context) throws Exception;

	}

	/**
	 * Requests to the application under test.
	 */
	public interface Http {

		/**
		 * Send a request.
		 * @param method the method
		 * @param path the path
		 * @param authorization the {@code Authorization} header, or {@code null}
		 * @param headers more headers, as name, value, name, value...
		 * @return the answer
		 */
		Answer send(HttpMethod method, String path, @Nullable String authorization, String... headers) throws Exception;

		default Answer get(String path, @Nullable String authorization) throws Exception {
			return send(HttpMethod.GET, path, authorization);
		}

	}

	/**
	 * An answer of the application.
	 *
	 * @param status the status code
	 * @param headers the headers
	 * @param body the body as text
	 */
	public record Answer(int status, HttpHeaders headers, String body) {

		@Nullable String challenge() {
			return this.headers.getFirst(HttpHeaders.WWW_AUTHENTICATE);
		}

		JsonNode json() {
			return TokenWebContract.json.readTree(this.body);
		}

	}

}
