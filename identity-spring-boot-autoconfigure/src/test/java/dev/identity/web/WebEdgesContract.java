package dev.identity.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.identity.autoconfigure.FailureReports;
import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.core.JwsAlgorithm;
import dev.identity.testprovider.TestProvider;
import dev.identity.testprovider.TestProviderExtension;
import dev.identity.web.TokenWebContract.Answer;
import dev.identity.web.TokenWebContract.AppTest;
import dev.identity.web.internal.HandlerWiringException;
import dev.identity.web.internal.HandlerWiringFailureAnalyzer;
import dev.identity.web.quickstart.QuickStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edges of the web integration, against a real provider, alike on both stacks: a
 * handler that uses the starter never runs unchecked (no issuer, another resolver, a
 * proxy), and an answer names the kind of check that failed but nothing configured. A
 * subclass gives its stack.
 */
public abstract class WebEdgesContract {

	private static final String AUDIENCE = "orders-api";

	@RegisterExtension
	protected static final TestProviderExtension provider = new TestProviderExtension();

	/** The stack under test. */
	protected abstract WebStack stack();

	/**
	 * A configuration that registers, before the starter's, an argument resolver of the
	 * application that binds every {@code String} parameter to {@code "forged"}.
	 */
	protected abstract Class<?> foreignResolverConfiguration();

	/**
	 * A configuration of the stack's web infrastructure that extends its
	 * {@code ...ConfigurationSupport} directly, so that no configurer bean of the
	 * application (nor the starter's) is called.
	 */
	protected abstract Class<?> configurersIgnoredConfiguration();

	/** The same, calling every configurer bean as the failure analysis advises. */
	protected abstract Class<?> configurersAppliedConfiguration();

	/**
	 * Whether the stack's requirement check is applied by a configurer (Spring MVC's
	 * interceptor).
	 */
	protected abstract boolean requirementsAppliedByConfigurer();

	private static List<String> properties(String... more) {
		List<String> all = new ArrayList<>();
		all.add("identity.issuer-uri=" + provider.issuer());
		all.add("identity.audiences=" + TestProvider.CLIENT_ID);
		all.add("identity.claims.roles.claim-names=scope");
		all.add("identity.claims.permissions.claim-names=scope");
		all.addAll(List.of(more));
		return all;
	}

	private void run(List<String> properties, List<Class<?>> configurations, AppTest test) {
		stack().start(properties, configurations, test);
	}

	private static String bearer(String scope) {
		return "Bearer " + provider.clientCredentialsToken(scope);
	}

	// A1: a handler that uses the starter never runs unchecked.

	@ParameterizedTest
	@ValueSource(classes = { WebEdgeControllers.RequirementController.class, WebEdgeControllers.ClaimController.class,
			WebEdgeControllers.TokenParameterController.class, WebEdgeControllers.UserController.class })
	void startWhenHandlerUsesTheStarterWithoutIssuerThenFailsNamingIssuerUriAndHandler(Class<?> controller) {
		Throwable failure = stack().startupFailure(List.of(), List.of(controller));
		assertThat(failure).isNotNull();
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOfSatisfying(
				InvalidIdentityConfigurationException.class, (ex) -> assertThat(ex.getProblems()).singleElement()
					.satisfies((problem) -> assertThat(problem.property()).isEqualTo("identity.issuer-uri")));
		assertThat(FailureReports.describe(failure)).contains("Property: identity.issuer-uri")
			.contains(controller.getSimpleName() + "#")
			.contains("Update identity.issuer-uri");
	}

	@Test
	void startWhenTokenAutoConfigurationExcludedThenHandlerUsingTheStarterStillStopsStartUp() {
		Throwable failure = stack().autoConfiguredStartupFailure(
				List.of("identity.issuer-uri=http://127.0.0.1:1/issuer", excludeTokenAutoConfiguration()),
				List.of(WebEdgeControllers.RequirementController.class));
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
			.isInstanceOf(InvalidIdentityConfigurationException.class);
		assertThat(FailureReports.describe(failure)).contains("Property: identity.issuer-uri")
			.contains("auto-configuration is excluded")
			.contains("RequirementController#orders");
	}

	@Test
	void startWhenTokenAutoConfigurationExcludedAndBrowserLoginOnThenOnlyTokenHandlersStopStartUp() {
		Throwable failure = stack().autoConfiguredStartupFailure(
				List.of("identity.issuer-uri=http://127.0.0.1:1/issuer", "identity.client-id=app",
						"identity.client-secret=secret", excludeTokenAutoConfiguration()),
				List.of(WebEdgeControllers.RequirementController.class, WebEdgeControllers.UserController.class));
		// Browser login resolves the signed-in user: only the token's handler is
		// unenforced.
		assertThat(FailureReports.describe(failure)).contains("RequirementController#orders")
			.doesNotContain("UserController");
	}

	private String excludeTokenAutoConfiguration() {
		return "spring.autoconfigure.exclude=" + stack().tokenAutoConfiguration().getName();
	}

	@Test
	void startWhenNoHandlerUsesTheStarterAndNoIssuerThenStarts() {
		assertThat(stack().startupFailure(List.of(), List.of(WebEdgeControllers.OpenController.class))).isNull();
	}

	@Test
	void startWhenAuthenticatedUserWithoutBrowserLoginThenFailsNamingClientId() {
		Throwable failure = stack().startupFailure(properties(), List.of(WebEdgeControllers.UserController.class));
		assertThat(FailureReports.describe(failure)).contains("Property: identity.client-id")
			.contains("UserController#user");
	}

	@Test
	void startWhenStarterParameterAlsoBoundBySpringThenFailsNamingBoth() {
		Throwable failure = stack().startupFailure(properties(),
				List.of(WebEdgeControllers.DoublyBoundController.class));
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("@RequestParam")
			.hasMessageContaining("'tenant' of DoublyBoundController#doubly");
	}

	@Test
	void claimWhenAnotherResolverIsRegisteredFirstThenStillBoundFromTheToken() {
		run(properties(), List.of(WebTestControllers.TokenController.class, foreignResolverConfiguration()),
				(http, context) -> {
					// The token has no 'tenant': the starter's resolver answers 403, the
					// application's would bind.
					Answer missing = http.get("/claim/missing?tenant=forged", bearer("read"));
					assertThat(missing.status()).isEqualTo(403);
					assertThat(missing.body()).doesNotContain("forged");
					assertThat(http.get("/claim/optional?tenant=forged", bearer("read")).body())
						.isEqualTo("null false");
				});
	}

	// The controller methods besides handlers: @ModelAttribute, @InitBinder,
	// @ExceptionHandler.

	@ParameterizedTest
	@ValueSource(classes = { WebEdgeControllers.ModelAttributeController.class, WebEdgeControllers.ClaimAdvice.class,
			WebEdgeControllers.ExceptionHandlerController.class })
	void startWhenMethodBesidesHandlersUsesTheStarterWithoutIssuerThenFailsNamingIssuerUriAndMethod(
			Class<?> controller) {
		Throwable failure = stack().startupFailure(List.of(), List.of(controller));
		assertThat(FailureReports.describe(failure)).contains("Property: identity.issuer-uri")
			.contains(controller.getSimpleName() + "#");
	}

	@Test
	void modelAttributeWhenClaimThenBoundFromTheTokenNotTheRequest() {
		run(properties(), List.of(WebEdgeControllers.ModelAttributeController.class), (http, context) -> {
			assertThat(http.get("/model?sub=forged", bearer("read")).body()).isEqualTo(TestProvider.CLIENT_ID);
			assertThat(http.get("/model?sub=forged", null).status()).isEqualTo(401);
		});
	}

	@ParameterizedTest
	@ValueSource(classes = { WebEdgeControllers.RequirementOnModelAttributeController.class,
			WebEdgeControllers.RequirementAdvice.class })
	void startWhenRequirementOnMethodBesidesHandlersThenFailsSayingItIsNotEnforced(Class<?> controller) {
		Throwable failure = stack().startupFailure(properties(), List.of(controller));
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("is not enforced")
			.hasMessageContaining(controller.getSimpleName());
	}

	@Test
	void startWhenInitBinderTakesTheTokenThenFails() {
		Throwable failure = stack().startupFailure(properties(),
				List.of(WebEdgeControllers.InitBinderController.class));
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("'tenant' of InitBinderController#init")
			.hasMessageContaining("@InitBinder");
	}

	// The web configuration applies the starter, or start-up fails.

	@Test
	void startWhenWebConfigurationIgnoresConfigurersThenFailsNamingTheParametersAndTheFix() {
		Throwable failure = stack().startupFailure(properties(), List.of(configurersIgnoredConfiguration(),
				WebEdgeControllers.ClaimController.class, WebEdgeControllers.ModelAttributeController.class));
		assertThat(failure).as("start-up failure").isNotNull();
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(HandlerWiringException.class);
		FailureAnalysis analysis = new HandlerWiringFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).contains("parameter 'tenant' of ClaimController#tenant")
			.contains("parameter 'subject' of ModelAttributeController#subject");
		String support = configurersIgnoredConfiguration().getSuperclass().getSimpleName();
		assertThat(analysis.getAction()).contains("extends " + support + " directly")
			.contains("Delegating" + support.replace("Support", ""));
	}

	@Test
	void requirementWhenWebConfigurationIgnoresConfigurersThenEnforcedOrStartUpFails() {
		List<Class<?>> application = List.of(configurersIgnoredConfiguration(),
				WebEdgeControllers.WiringController.class);
		if (requirementsAppliedByConfigurer()) {
			Throwable failure = stack().startupFailure(properties(), application);
			assertThat(failure).as("start-up failure").isNotNull();
			assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(HandlerWiringException.class);
			assertThat(new HandlerWiringFailureAnalyzer().analyze(failure).getDescription())
				.contains("requirements of WiringController#write");
			return;
		}
		run(properties(), application, (http, context) -> {
			assertThat(http.get("/wiring/write", null).status()).isEqualTo(401);
			assertThat(http.get("/wiring/write", bearer("read")).status()).isEqualTo(403);
		});
	}

	@Test
	void requestWhenWebConfigurationCallsTheConfigurersThenEnforced() {
		run(properties(),
				List.of(configurersAppliedConfiguration(), WebEdgeControllers.WiringController.class,
						WebEdgeControllers.ClaimController.class, WebEdgeControllers.ModelAttributeController.class),
				(http, context) -> {
					assertThat(http.get("/wiring/write", null).status()).isEqualTo(401);
					assertThat(http.get("/wiring/write", bearer("read")).status()).isEqualTo(403);
					assertThat(http.get("/wiring/write", bearer("write")).body()).isEqualTo("write");
					assertThat(http.get("/tenant?tenant=forged", bearer("read")).status()).isEqualTo(403);
					assertThat(http.get("/model?sub=forged", bearer("read")).body()).isEqualTo(TestProvider.CLIENT_ID);
				});
	}

	@Test
	void exceptionHandlerWhenAnotherResolverIsRegisteredFirstThenClaimStillBoundFromTheToken() {
		run(properties(), List.of(WebEdgeControllers.ExceptionHandlerController.class, foreignResolverConfiguration()),
				(http, context) -> assertThat(http.get("/fails?sub=forged", bearer("read")).body())
					.isEqualTo(TestProvider.CLIENT_ID));
	}

	// A2: requirements of proxied controllers.

	@Test
	void startWhenLazyJdkProxiedControllerThenItsRequirementsAreFoundWithoutCreatingIt() {
		int before = WebEdgeControllers.LazyJdkProxiedController.instances.get();
		Throwable failure = stack().startupFailure(List.of(), List.of(WebEdgeControllers.ProxyConfiguration.class,
				WebEdgeControllers.LazyJdkProxiedController.class));
		assertThat(FailureReports.describe(failure)).contains("LazyJdkProxiedController#lazy");
		assertThat(stack().startupFailure(properties(), List.of(WebEdgeControllers.ProxyConfiguration.class,
				WebEdgeControllers.LazyJdkProxiedController.class)))
			.isNull();
		assertThat(WebEdgeControllers.LazyJdkProxiedController.instances.get()).isEqualTo(before);
	}

	@Test
	void requirementWhenJdkProxiedControllerThenRequirementsOfImplementationAndInterfaceHold() {
		run(properties(),
				List.of(WebEdgeControllers.ProxyConfiguration.class, WebEdgeControllers.JdkProxiedController.class),
				(http, context) -> {
					assertThat(AopUtils.isJdkDynamicProxy(context.getBean(WebEdgeControllers.JdkProxiedApi.class)))
						.isTrue();
					String read = bearer("read");
					assertThat(http.get("/jdk/class", read).body()).isEqualTo("jdk class");
					assertThat(http.get("/jdk/class", null).status()).isEqualTo(401);
					assertThat(http.get("/jdk/class", bearer("write")).status()).isEqualTo(403);
					assertThat(http.get("/jdk/method", read).status()).isEqualTo(403);
					assertThat(http.get("/jdk/method", bearer("read write")).body()).isEqualTo("jdk method");
					assertThat(http.get("/jdk/interface", read).status()).isEqualTo(403);
					assertThat(http.get("/jdk/claim", read).body()).isEqualTo(TestProvider.CLIENT_ID);
					// The answers came through the proxy, not around it.
					assertThat(context.getBean(WebEdgeControllers.PROXY_CALLS, WebEdgeControllers.ProxyCalls.class)
						.count()).isEqualTo(3);
				});
	}

	@Test
	void requirementWhenCglibProxiedControllerThenRequirementsOfClassAndMethodHold() {
		run(properties(),
				List.of(WebEdgeControllers.ProxyConfiguration.class, WebEdgeControllers.CglibProxiedController.class),
				(http, context) -> {
					assertThat(AopUtils.isCglibProxy(context.getBean(WebEdgeControllers.CglibProxiedController.class)))
						.isTrue();
					assertThat(http.get("/cglib/class", bearer("read")).body()).isEqualTo("cglib class");
					assertThat(http.get("/cglib/class", null).status()).isEqualTo(401);
					assertThat(http.get("/cglib/method", bearer("read")).status()).isEqualTo(403);
					assertThat(http.get("/cglib/method", bearer("read write")).body()).isEqualTo("cglib method");
					assertThat(context.getBean(WebEdgeControllers.PROXY_CALLS, WebEdgeControllers.ProxyCalls.class)
						.count()).isEqualTo(2);
				});
	}

	@Test
	void startWhenClaimOnlyOnJdkProxiedImplementationThenFails() {
		Throwable failure = stack().startupFailure(properties(),
				List.of(WebEdgeControllers.ProxyConfiguration.class, WebEdgeControllers.HiddenClaimController.class));
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("not visible through the controller's JDK proxy")
			.hasMessageContaining("HiddenClaimController#hidden");
	}

	// A5: answers name the kind of check, never the configuration.

	/** A token that fails one kind of check, and the word the answer must hold for it. */
	enum Rejection {

		EXPIRED("expired"), SIGNATURE("signature"), AUDIENCE("audience"), ISSUER("issuer"), TYPE("type"), KEY("key"),
		FORMAT("format"), ALGORITHM("algorithm");

		final String word;

		Rejection(String word) {
			this.word = word;
		}

	}

	@ParameterizedTest
	@EnumSource(Rejection.class)
	void rejectedTokenWhenCheckFailsThenAnswerNamesItsKindAndNoConfiguredValue(Rejection rejection) {
		String token = provider.clientCredentialsToken("read");
		List<String> properties = properties("identity.audiences=" + AUDIENCE);
		List<Class<?>> configurations = new ArrayList<>(List.of(WebTestControllers.TokenController.class));
		String authorization = "Bearer " + token;
		TestProvider other = null;
		switch (rejection) {
			case EXPIRED -> {
				properties = properties();
				configurations.add(WebEdgeControllers.LateClockConfiguration.class);
			}
			case SIGNATURE -> {
				properties = properties();
				authorization = "Bearer " + token.substring(0, token.length() - 4)
						+ (token.endsWith("AAAA") ? "BBBB" : "AAAA");
			}
			case AUDIENCE -> {
			}
			case ISSUER -> properties = properties("identity.issuer-uri=" + provider.issuer() + "/",
					"identity.discovery.require-issuer-match=false");
			case TYPE -> properties = properties("identity.required-type=secevent+jwt");
			case KEY -> {
				properties = properties();
				other = TestProvider.start();
				authorization = "Bearer " + other.clientCredentialsToken("read");
			}
			case FORMAT -> authorization = "Bearer abc.def";
			case ALGORITHM -> properties = properties("identity.algorithms=ES256");
		}
		String sent = authorization;
		try {
			run(properties, configurations, (http, context) -> {
				Answer answer = http.get("/token", sent);
				assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
				assertThat(answer.challenge()).startsWith("Bearer error=\"invalid_token\"").contains(rejection.word);
				assertThat(answer.json().path("error_description").asString()).contains(rejection.word);
				assertNoConfiguration(answer);
			});
		}
		finally {
			if (other != null) {
				other.close();
			}
		}
	}

	@Test
	void insufficientTokenWhenPrivilegeMissingThenAnswerNamesItsKindAndNotTheValue() {
		run(properties(), List.of(WebTestControllers.TokenController.class), (http, context) -> {
			String read = bearer("read");
			for (String[] kind : new String[][] { { "/role/admin", "role", "admin" },
					{ "/permission/delete", "permission", "delete" }, { "/scope/write", "scope", "scope=\"write\"" },
					{ "/claim/missing", "claim", "tenant" } }) {
				Answer answer = http.get(kind[0], read);
				assertThat(answer.status()).isEqualTo(403);
				String description = answer.json().path("error_description").asString();
				assertThat(description).isEqualTo("the token lacks a " + kind[1] + " this resource requires");
				assertThat(answer.challenge()).contains(description);
				assertThat(answer.body()).doesNotContain(kind[2]);
				if (!kind[1].equals("scope")) {
					// Only a single required scope is named, in the challenge's scope
					// attribute (RFC 6750 §3).
					assertThat(answer.challenge()).doesNotContain(kind[2]);
				}
			}
		});
	}

	private static void assertNoConfiguration(Answer answer) {
		String seen = answer.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE) + "\n" + answer.body();
		assertThat(seen).doesNotContain(provider.issuer())
			.doesNotContain("127.0.0.1")
			.doesNotContain(AUDIENCE)
			.doesNotContain(TestProvider.CLIENT_ID)
			.doesNotContain("skew")
			.doesNotContain("identity.");
		for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
			assertThat(seen.toLowerCase(Locale.ROOT)).doesNotContain(algorithm.name().toLowerCase(Locale.ROOT));
		}
	}

	// E3: the README's quick start.

	@Test
	void quickStartWhenNoTokenThenUnauthorizedWithChallenge() {
		run(properties(), List.of(QuickStart.CONTROLLER), (http, context) -> {
			Answer answer = http.get("/api/me", null);
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.challenge())
				.isEqualTo("Bearer error=\"invalid_token\", error_description=\"a bearer token is required\"");
		});
	}

	@Test
	void quickStartWhenProviderUnreachableThenServiceUnavailable() {
		String token = bearer("read");
		run(properties("identity.issuer-uri=http://127.0.0.1:1", "identity.http.max-attempts=1"),
				List.of(QuickStart.CONTROLLER), (http, context) -> {
					Answer answer = http.get("/api/me", token);
					assertThat(answer.status()).isEqualTo(503);
					assertThat(answer.json().path("error").asString()).isEqualTo("temporarily_unavailable");
				});
	}

	@Test
	void quickStartWhenValidTokenThenClaims() {
		run(properties(), List.of(QuickStart.CONTROLLER), (http, context) -> {
			Answer answer = http.get("/api/me", bearer("read"));
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.json().path("sub").asString()).isEqualTo(TestProvider.CLIENT_ID);
		});
	}

	@Test
	void quickStartWhenReadmeShowsItThenSameCodeAsTested() throws Exception {
		assertThat(QuickStart.readmeCode()).isEqualTo(QuickStart.testedCode());
	}

}
