package dev.identity.testprovider;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.identity.browser.Browser;
import dev.identity.devprovider.DemoAccounts;
import dev.identity.devprovider.DevelopmentProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The samples' contract, run against each sample booted on a random port with the
 * development provider it starts by itself (no {@code identity.issuer-uri}): tokens of
 * the demo accounts from the provider's token endpoint, every API endpoint with the
 * answers its rules call for, and a browser login and logout, over HTTP and in headless
 * Chromium. A sample's test class extends this one and adds its {@code @SpringBootTest},
 * with {@link #PROPERTIES}. A test of a sample started in a process of its own overrides
 * {@link #port()} and {@link #issuer()}, and the two tests that read the application
 * context.
 */
public abstract class SampleApiContractTests {

	/**
	 * A free port for the development provider, so tests never clash with a running
	 * sample.
	 */
	public static final String PROPERTIES = "identity.dev-provider.port=0";

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private Environment environment;

	@Autowired
	private ApplicationContext context;

	/** The development provider's issuer, which the sample was pointed at. */
	protected String issuer() {
		return this.environment.getRequiredProperty("identity.issuer-uri");
	}

	/** The sample's port. */
	protected int port() {
		return this.port;
	}

	protected URI url(String path) {
		return URI.create("http://127.0.0.1:" + port() + path);
	}

	@Test
	void applicationWhenImportedThenUsesNoInternalPackageOfTheLibrary() {
		// The sample is the library's first user: what it needs must be public API.
		// Classes that Spring's ahead-of-time processing generated next to the
		// application's (Name__BeanDefinitions...) register every bean, internal ones
		// too:
		// they are not the application's code.
		JavaClasses application = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption((location) -> !location.contains("__"))
			.importPackagesOf(getClass());
		assertThat(application).isNotEmpty();
		noInternalPackages().check(application);
	}

	@Test
	void internalPackageRuleWhenClassUsesOneThenViolationReported() {
		// The library's clients run on its internal engine: the rule must see that, or it
		// proves nothing.
		JavaClasses library = new ClassFileImporter().importPackages("dev.identity.client");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> noInternalPackages().check(library))
			.withMessageContaining(".internal.");
	}

	private static ArchRule noInternalPackages() {
		return noClasses().should().dependOnClassesThat().resideInAPackage("dev.identity..internal..");
	}

	@Test
	protected void startsItsOwnDevelopmentProvider() {
		assertThat(issuer()).startsWith("http://127.0.0.1:").isNotEqualTo("http://127.0.0.1:" + port());
		assertThat(this.environment.getProperty("identity.client-id")).isEqualTo(DemoAccounts.CLIENT_ID);
	}

	/**
	 * The development provider brings Spring Security onto the class path for its own
	 * context: the sample keeps none of Spring Boot's security defaults (a generated
	 * password, form login on every endpoint) without excluding them itself.
	 */
	@Test
	protected void applicationWhenDevelopmentProviderOnClassPathThenHasNoSpringSecurityDefaults() {
		assertThat(this.context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ReactiveUserDetailsService.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SecurityWebFilterChain.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(AuthorizationServerSettings.class)).isEmpty();
	}

	@Test
	void publicNeedsNoToken() throws Exception {
		HttpResponse<String> response = get("/api/public", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(json.readTree(response.body()).isObject()).isTrue();
	}

	@Test
	void meWithTokenOfTheProviderAnswersItsClaims() throws Exception {
		HttpResponse<String> response = get("/api/me", bearer(adminToken()));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("sub").asString()).isEqualTo(DemoAccounts.ADMIN_CLIENT_ID);
		assertThat(body.path("iss").asString()).isEqualTo(issuer());
		assertThat(body.path("claims").path("iss").asString()).isEqualTo(issuer());
		assertThat(body.path("claims").path("aud").toString()).contains(DemoAccounts.AUDIENCE);
		assertThat(body.path("claims").path("roles").toString()).contains("admin");
		assertThat(body.path("claims").path("exp").isNumber()).isTrue();
	}

	@Test
	void meWithTamperedTokenIsUnauthorized() throws Exception {
		HttpResponse<String> response = get("/api/me", bearer(tamper(adminToken())));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(challenge(response)).startsWith("Bearer").contains("error=\"invalid_token\"");
	}

	@Test
	void meWithoutTokenIsUnauthorized() throws Exception {
		HttpResponse<String> response = get("/api/me", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(challenge(response)).contains("error=\"invalid_token\"");
	}

	@Test
	void meWithAnotherSchemeIsUnauthorized() throws Exception {
		HttpResponse<String> response = get("/api/me", "Basic ZGVtby1hZG1pbjpkZW1vLWFkbWluLXNlY3JldA==");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(challenge(response)).contains("error=\"invalid_token\"");
	}

	/**
	 * An ID token from a real login is not an access token (RFC 9068 §4, RFC 8725 §3.11):
	 * 401 naming the failed check, while the access token of the same login is accepted.
	 */
	@Test
	void meWithAnIdTokenIsUnauthorizedNamingTheTypeCheck() {
		JsonNode login = AuthorizationCodeLogin.tokens(issuer(), DemoAccounts.CLIENT_ID, DemoAccounts.CLIENT_SECRET,
				url("/login/callback").toString(), "alice", "alice-password");
		HttpResponse<String> response = get("/api/me", bearer(login.path("id_token").asString()));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(challenge(response)).contains("error=\"invalid_token\"").containsPattern("(?i)ID token|\\btype\\b");
		assertThat(get("/api/me", bearer(login.path("access_token").asString())).statusCode()).isEqualTo(200);
	}

	@Test
	void notesNeedTheReadPermission() throws Exception {
		assertThat(get("/api/notes", bearer(adminToken())).statusCode()).isEqualTo(200);
		HttpResponse<String> reader = get("/api/notes", bearer(readerToken()));
		assertThat(reader.statusCode()).isEqualTo(200);
		assertThat(json.readTree(reader.body()).isArray()).isTrue();
		// The application's own client may write audit entries, not read notes.
		HttpResponse<String> service = get("/api/notes", bearer(serviceToken()));
		assertThat(service.statusCode()).isEqualTo(403);
		assertThat(challenge(service)).contains("error=\"insufficient_scope\"");
		HttpResponse<String> anonymous = get("/api/notes", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(challenge(anonymous)).contains("error=\"invalid_token\"");
	}

	@Test
	void writingANoteNeedsTheWritePermissionAndIsAuditedWithTheServiceToken() throws Exception {
		HttpResponse<String> reader = post("/api/notes", bearer(readerToken()), "{\"text\":\"from a reader\"}");
		assertThat(reader.statusCode()).isEqualTo(403);
		assertThat(challenge(reader)).contains("error=\"insufficient_scope\"");
		HttpResponse<String> admin = post("/api/notes", bearer(adminToken()), "{\"text\":\"from an admin\"}");
		assertThat(admin.statusCode()).isEqualTo(201);
		JsonNode body = json.readTree(admin.body());
		assertThat(body.path("note").path("author").asString()).isEqualTo(DemoAccounts.ADMIN_CLIENT_ID);
		// The audit service saw the application's client-credentials token, not the
		// caller's.
		assertThat(body.path("audit").path("recordedFor").asString()).isEqualTo(DemoAccounts.CLIENT_ID);
		assertThat(body.path("audit").path("action").asString()).isEqualTo("note.created");
		assertThat(get("/api/notes", bearer(readerToken())).body()).contains("from an admin");
	}

	@Test
	void deletingANoteNeedsTheAdminRole() throws Exception {
		JsonNode created = json.readTree(post("/api/notes", bearer(adminToken()), "{\"text\":\"to delete\"}").body());
		long id = created.path("note").path("id").asLong();
		HttpResponse<String> reader = delete("/api/notes/" + id, bearer(readerToken()));
		assertThat(reader.statusCode()).isEqualTo(403);
		assertThat(challenge(reader)).contains("error=\"insufficient_scope\"");
		assertThat(delete("/api/notes/" + id, bearer(adminToken())).statusCode()).isEqualTo(204);
		assertThat(delete("/api/notes/" + id, bearer(adminToken())).statusCode()).isEqualTo(404);
	}

	@Test
	void exportIsServedOnlyWhereTheFeatureFlagIsOn() throws Exception {
		HttpResponse<String> admin = get("/api/notes/export", bearer(adminToken()));
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(admin.body()).startsWith("id,author,text\n");
		assertThat(get("/api/notes/export", bearer(readerToken())).statusCode()).isEqualTo(404);
	}

	@Test
	void auditServiceTakesOnlyServiceTokens() throws Exception {
		HttpResponse<String> admin = post("/internal/audit", bearer(adminToken()), "{\"action\":\"forged\"}");
		assertThat(admin.statusCode()).isEqualTo(403);
		assertThat(post("/internal/audit", bearer(serviceToken()), "{\"action\":\"test\"}").statusCode())
			.isEqualTo(200);
	}

	@Test
	void browserLoginShowsTheUserAndLogoutForgetsThem() {
		Browser browser = new Browser();
		HttpResponse<String> signedOut = browser.get(url("/"));
		assertThat(signedOut.statusCode()).isEqualTo(200);
		assertThat(signedOut.body()).contains("You are not signed in");
		URI authorization = Browser.location(browser.get(url("/login")));
		assertThat(authorization.toString()).startsWith(issuer());
		URI callback = browser.authorize(authorization, "alice", "alice-password");
		assertThat(callback.getPort()).isEqualTo(port());
		URI home = Browser.location(browser.get(callback));
		HttpResponse<String> signedIn = browser.get(home);
		assertThat(signedIn.body()).contains("Signed in as <strong id=\"user\">Alice Admin</strong>")
			.contains("alice@example.com");
		// A client that is not a browser sends neither Origin nor Sec-Fetch-Site: a bare
		// POST is refused, and
		// the logout goes through the confirmation page, whose form carries the session's
		// token.
		assertThat(browser.post(url("/logout"), Map.of()).statusCode()).isEqualTo(403);
		assertThat(browser.get(home).body()).contains("Alice Admin");
		URI endSession = Browser.location(browser.submit(browser.get(url("/logout"))));
		assertThat(endSession.toString()).startsWith(issuer()).contains("id_token_hint=");
		// The provider ends its session and sends the browser back to the application.
		URI back = Browser.location(browser.get(endSession));
		assertThat(back).isEqualTo(url("/"));
		assertThat(browser.get(back).body()).contains("You are not signed in");
	}

	@Test
	void signInAndOutInARealBrowser() {
		Chromium.unavailable().ifPresent((reason) -> Assumptions.abort(reason));
		try (Chromium chromium = Chromium.start()) {
			WebDriver browser = chromium.driver();
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
			browser.get(url("/").toString());
			assertThat(browser.findElement(By.id("status")).getText()).contains("not signed in");
			browser.findElement(By.id("login")).click();
			// The development provider's login form.
			wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
			assertThat(browser.getCurrentUrl()).startsWith(issuer());
			browser.findElement(By.name("username")).sendKeys("bob");
			browser.findElement(By.name("password")).sendKeys("bob-password");
			browser.findElement(By.cssSelector("button[type=submit]")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user")));
			assertThat(browser.getCurrentUrl()).isEqualTo(url("/").toString());
			assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("Bob Reader");
			assertThat(browser.getPageSource()).contains("bob@example.com");
			// The sample's own form posts to /logout; the browser says the post is
			// same-origin.
			browser.findElement(By.id("logout")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "not signed in"));
			assertThat(browser.getCurrentUrl()).isEqualTo(url("/").toString());
			// Signing in again needs the password: the provider's session ended too.
			browser.findElement(By.id("login")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
			browser.findElement(By.name("username")).sendKeys("bob");
			browser.findElement(By.name("password")).sendKeys("bob-password");
			browser.findElement(By.cssSelector("button[type=submit]")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user")));
			// A link to /logout shows the confirmation page, which logs out only when its
			// button is pressed.
			browser.get(url("/logout").toString());
			assertThat(browser.getTitle()).isEqualTo("Sign out");
			browser.findElement(By.id("logout")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "not signed in"));
			assertThat(browser.getCurrentUrl()).isEqualTo(url("/").toString());
		}
	}

	/**
	 * Known traffic shows in the identity meters, each validation counted once by its
	 * outcome and its first failed check; the health endpoint shows the issuer's
	 * component, and the probes answer.
	 */
	@Test
	void actuatorWhenKnownTrafficThenValidationsCountedAndIdentityHealthShown() {
		double valid = validations("outcome:valid");
		double badSignature = validations("outcome:invalid", "check:signature");
		double unreadable = validations("outcome:invalid", "check:format");
		String[] first = adminToken().split("\\.");
		String[] second = adminToken().split("\\.");
		// The second token's claims under the first one's signature.
		String forged = first[0] + "." + second[1] + "." + first[2];

		for (int i = 0; i < 3; i++) {
			assertThat(get("/api/me", bearer(adminToken())).statusCode()).isEqualTo(200);
		}
		assertThat(get("/api/me", bearer(forged)).statusCode()).isEqualTo(401);
		assertThat(get("/api/me", bearer("not-a-token")).statusCode()).isEqualTo(401);

		assertThat(validations("outcome:valid") - valid).isEqualTo(3);
		assertThat(validations("outcome:invalid", "check:signature") - badSignature).isEqualTo(1);
		assertThat(validations("outcome:invalid", "check:format") - unreadable).isEqualTo(1);
		JsonNode identity = actuator("/actuator/health").path("components").path("identity");
		assertThat(identity.path("status").asString()).isEqualTo("UP");
		JsonNode issuer = identity.path("components").path("default");
		assertThat(issuer.path("status").asString()).isEqualTo("UP");
		assertThat(issuer.path("details").path("keys").asInt()).isPositive();
		assertThat(issuer.path("details").path("keySetAge").asString()).startsWith("PT");
		// The probes show no components; IdentityHealthIntegrationTests checks who is in
		// which group.
		assertThat(actuator("/actuator/health/readiness").path("status").asString()).isEqualTo("UP");
		assertThat(actuator("/actuator/health/liveness").path("status").asString()).isEqualTo("UP");
	}

	private double validations(String... tags) {
		StringBuilder path = new StringBuilder("/actuator/metrics/identity.token.validations?");
		for (String tag : tags) {
			path.append("tag=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8)).append('&');
		}
		return actuator(path.toString()).path("measurements").path(0).path("value").asDouble();
	}

	private JsonNode actuator(String path) {
		HttpResponse<String> response = get(path, null);
		assertThat(response.statusCode()).as("%s answered %s", path, response.body()).isIn(200, 503);
		return json.readTree(response.body());
	}

	protected String adminToken() {
		return token(DemoAccounts.ADMIN_CLIENT_ID, DemoAccounts.ADMIN_CLIENT_SECRET);
	}

	protected String readerToken() {
		return token(DemoAccounts.READER_CLIENT_ID, DemoAccounts.READER_CLIENT_SECRET);
	}

	protected String serviceToken() {
		return token(DemoAccounts.CLIENT_ID, DemoAccounts.CLIENT_SECRET);
	}

	/** A client-credentials token from the development provider's token endpoint. */
	protected String token(String clientId, String secret) {
		String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(secret, StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + DevelopmentProvider.TOKEN_PATH))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		HttpResponse<String> response = send(request);
		assertThat(response.statusCode()).as("token response %s", response.body()).isEqualTo(200);
		return json.readTree(response.body()).path("access_token").asString();
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

	private static String challenge(HttpResponse<String> response) {
		return response.headers().firstValue("WWW-Authenticate").orElse("");
	}

	/** The same token with one character of its payload changed. */
	private static String tamper(String token) {
		int position = token.indexOf('.') + 10;
		char replacement = (token.charAt(position) == 'A') ? 'B' : 'A';
		return token.substring(0, position) + replacement + token.substring(position + 1);
	}

	protected HttpResponse<String> get(String path, String authorization) {
		return send(request(path, authorization).GET().build());
	}

	protected HttpResponse<String> post(String path, String authorization, String jsonBody) {
		return send(request(path, authorization).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(jsonBody))
			.build());
	}

	protected HttpResponse<String> delete(String path, String authorization) {
		return send(request(path, authorization).DELETE().build());
	}

	private HttpRequest.Builder request(String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(20));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request;
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
		}
	}

}
