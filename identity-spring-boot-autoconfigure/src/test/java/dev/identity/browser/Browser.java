package dev.identity.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.identity.testprovider.TestProvider;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser for the login tests: keeps cookies, follows no redirect by itself (each hop
 * is a step the test sees), and asks for HTML as a page navigation does.
 */
public final class Browser {

	/** What a browser sends when it navigates to a page. */
	public static final String PAGE = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]*)\">");

	private static final Pattern HIDDEN = Pattern
		.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** Navigate to a page. */
	public HttpResponse<String> get(URI uri) {
		return get(uri, PAGE);
	}

	/** A {@code GET} with the given {@code Accept} header. */
	public HttpResponse<String> get(URI uri, String accept) {
		return send(HttpRequest.newBuilder(uri).header("Accept", accept).GET());
	}

	/**
	 * Navigate to a page with further headers, e.g. the {@code Sec-Fetch-*} a browser
	 * adds.
	 */
	public HttpResponse<String> get(URI uri, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", PAGE);
		headers.forEach(request::header);
		return send(request.GET());
	}

	/**
	 * Submit a form, as a client that is not a browser does: without {@code Origin} or
	 * {@code Sec-Fetch-*}.
	 */
	public HttpResponse<String> post(URI uri, Map<String, String> form) {
		return post(uri, form, Map.of());
	}

	/**
	 * Submit a form with further headers, e.g. the {@code Origin} and
	 * {@code Sec-Fetch-Site} a browser adds.
	 */
	public HttpResponse<String> post(URI uri, Map<String, String> form, Map<String, String> headers) {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Accept", PAGE)
			.header("Content-Type", "application/x-www-form-urlencoded");
		headers.forEach(request::header);
		return send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Submit the one form of a page, with its hidden fields, as a client that is not a
	 * browser does.
	 * @param page a {@code 200} whose body holds a {@code <form method="post">}
	 * @return the answer
	 */
	public HttpResponse<String> submit(HttpResponse<String> page) {
		assertThat(page.statusCode()).as("status of %s", page.uri()).isEqualTo(200);
		Matcher form = FORM.matcher(page.body());
		assertThat(form.find()).as("page has a form that posts").isTrue();
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher hidden = HIDDEN.matcher(page.body());
		while (hidden.find()) {
			fields.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
		}
		return post(page.uri().resolve(unescape(form.group(1))), fields);
	}

	/**
	 * The target of a redirect, resolved against the request's URL.
	 * @param response a {@code 302}
	 * @return the absolute target
	 */
	public static URI location(HttpResponse<?> response) {
		assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		return response.uri().resolve(location);
	}

	/**
	 * Follow the provider's part of a login from its authorization endpoint to the
	 * application's callback: sign in on the provider's form when it asks (it does not
	 * when its session is still open), then return where the provider sends the browser.
	 * @param authorization the provider URL the application redirected to
	 * @return the callback URL, with {@code code} and {@code state}
	 */
	public URI authorize(URI authorization) {
		return authorize(authorization, TestProvider.USERNAME, TestProvider.PASSWORD);
	}

	/**
	 * Follow the provider's part of a login as {@link #authorize(URI)} does, signing in
	 * as the given user.
	 * @param authorization the provider URL the application redirected to
	 * @param username the user's login name
	 * @param password the user's password
	 * @return the callback URL, with {@code code} and {@code state}
	 */
	public URI authorize(URI authorization, String username, String password) {
		URI next = location(get(authorization));
		if (next.getPath().equals("/login") && next.getPort() == authorization.getPort()) {
			HttpResponse<String> form = get(next);
			assertThat(form.statusCode()).isEqualTo(200);
			Matcher csrf = CSRF.matcher(form.body());
			assertThat(csrf.find()).as("login form has a CSRF token").isTrue();
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put("username", username);
			fields.put("password", password);
			fields.put("_csrf", csrf.group(1));
			URI saved = location(post(next, fields));
			next = location(get(saved));
		}
		return next;
	}

	/**
	 * The value of a hidden field of a page's form.
	 * @param page the page
	 * @param name the field's name
	 * @return its value
	 */
	public static String hidden(HttpResponse<String> page, String name) {
		assertThat(page.statusCode()).as("status of %s", page.uri()).isEqualTo(200);
		Matcher hidden = HIDDEN.matcher(page.body());
		while (hidden.find()) {
			if (unescape(hidden.group(1)).equals(name)) {
				return unescape(hidden.group(2));
			}
		}
		throw new AssertionError("no hidden field '" + name + "' in " + page.body());
	}

	/**
	 * A cookie this browser holds.
	 * @param name the cookie name
	 * @return its value, or {@code null}
	 */
	public String cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/**
	 * The decoded query parameters of a URL, each with its first value.
	 * @param uri the URL
	 * @return the parameters
	 */
	public static Map<String, String> query(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		String query = uri.getRawQuery();
		if (query == null) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			parameters.putIfAbsent(name, value);
		}
		return parameters;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String unescape(String html) {
		return HtmlUtils.htmlUnescape(html);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
