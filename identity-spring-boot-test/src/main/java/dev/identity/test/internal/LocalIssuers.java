package dev.identity.test.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.identity.test.TestIssuer;

/**
 * The local issuers of this JVM, one per name, started on first use and kept until the
 * test run ends. Shared by every test class that names the same issuer, so that Spring's
 * cached application contexts, which keep the issuer URI and the keys they fetched, stay
 * valid from one test class to the next. They stop when the JVM does.
 */
public final class LocalIssuers {

	private static final Map<String, TestIssuer> issuers = new LinkedHashMap<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(LocalIssuers::closeAll, "local-issuers-shutdown"));
	}

	private LocalIssuers() {
	}

	/**
	 * The issuer of a name, started if it is not running.
	 * @param name the issuer's name, empty for the one of {@code identity.issuer-uri}
	 * @return the running issuer
	 */
	public static synchronized TestIssuer get(String name) {
		return issuers.computeIfAbsent(name, (key) -> TestIssuer.start());
	}

	/**
	 * The only running issuer, for code that runs outside a test method.
	 * @return the issuer
	 * @throws IllegalStateException when none or several are running
	 */
	public static synchronized TestIssuer only() {
		if (issuers.size() != 1) {
			throw new IllegalStateException((issuers.isEmpty() ? "No local issuer is running"
					: "Several local issuers are running " + issuers.keySet())
					+ ": call TestTokens.token() inside a test method of a class annotated with @LocalIssuer");
		}
		return issuers.values().iterator().next();
	}

	private static synchronized void closeAll() {
		issuers.values().forEach(TestIssuer::close);
		issuers.clear();
	}

}
