package dev.identity.testprovider;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link TestProvider} for the tests of a class: starts it before all of them,
 * resets its request counts before each and closes it after all. Its methods are those of
 * the running provider. Register it in a static field: its callbacks run before the
 * class's own {@code @BeforeAll} methods and after its {@code @AfterAll} methods, so
 * these can use the provider. <pre>
 * &#64;RegisterExtension
 * static final TestProviderExtension provider = new TestProviderExtension();
 * </pre>
 */
public final class TestProviderExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private @Nullable TestProvider provider;

	/** The test class that started the provider, the one that closes it. */
	private @Nullable Class<?> owner;

	@Override
	public void beforeAll(ExtensionContext context) {
		Class<?> testClass = context.getRequiredTestClass();
		if (this.provider == null) {
			this.provider = TestProvider.start();
			this.owner = testClass;
		}
		else if (!nestedIn(testClass, this.owner)) {
			// Classes sharing one static extension (subclasses of a contract) run one
			// after another: one running beside another would share, then lose, its
			// provider.
			throw new IllegalStateException(testClass.getName() + " started while " + this.owner
					+ " holds the provider; run the classes of one extension one at a time");
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		provider().resetCounts();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.provider != null && context.getRequiredTestClass() == this.owner) {
			this.provider.close();
			this.provider = null;
			this.owner = null;
		}
	}

	/** A nested class shares the provider of the class that encloses it. */
	private static boolean nestedIn(Class<?> testClass, @Nullable Class<?> owner) {
		for (Class<?> enclosing = testClass.getEnclosingClass(); enclosing != null; enclosing = enclosing
			.getEnclosingClass()) {
			if (enclosing == owner) {
				return true;
			}
		}
		return false;
	}

	private TestProvider provider() {
		TestProvider provider = this.provider;
		if (provider == null) {
			throw new IllegalStateException("The provider runs only while the tests of its class run");
		}
		return provider;
	}

	/** See {@link TestProvider#issuer()}. */
	public String issuer() {
		return provider().issuer();
	}

	/** See {@link TestProvider#clientCredentialsToken()}. */
	public String clientCredentialsToken() {
		return provider().clientCredentialsToken();
	}

	/** See {@link TestProvider#clientCredentialsToken(String)}. */
	public String clientCredentialsToken(String scope) {
		return provider().clientCredentialsToken(scope);
	}

	/** See {@link TestProvider#currentKeyId()}. */
	public String currentKeyId() {
		return provider().currentKeyId();
	}

	/** See {@link TestProvider#rotateKey()}. */
	public String rotateKey() {
		return provider().rotateKey();
	}

	/** See {@link TestProvider#removeKey(String)}. */
	public void removeKey(String kid) {
		provider().removeKey(kid);
	}

	/** See {@link TestProvider#discoveryRequests()}. */
	public int discoveryRequests() {
		return provider().discoveryRequests();
	}

	/** See {@link TestProvider#jwksRequests()}. */
	public int jwksRequests() {
		return provider().jwksRequests();
	}

	/** See {@link TestProvider#tokenRequests()}. */
	public int tokenRequests() {
		return provider().tokenRequests();
	}

	/** See {@link TestProvider#resetCounts()}. */
	public void resetCounts() {
		provider().resetCounts();
	}

	@Override
	public String toString() {
		return "TestProviderExtension[" + this.provider + "]";
	}

}
