package dev.identity.engine.internal.cache;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

import dev.identity.core.DiscoveryDocument;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.KeySet;
import dev.identity.core.internal.FailureReason;
import dev.identity.engine.internal.EngineSettings;
import dev.identity.engine.internal.transport.FetchedResponse;
import dev.identity.engine.internal.transport.ProviderFailures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * How the provider's answers become documents: a discovery document the discovery policy
 * accepts, a JWK set. Anything else is a typed provider failure naming the document.
 */
final class DocumentReaders {

	private static final Log logger = LogFactory.getLog(ProviderDocuments.class);

	private final EngineSettings settings;

	private final Consumer<KeySet> keysReplaced;

	/**
	 * Create the readers.
	 * @param settings the issuer settings
	 * @param keysReplaced told of each JWK set read, before it is used
	 */
	DocumentReaders(EngineSettings settings, Consumer<KeySet> keysReplaced) {
		this.settings = settings;
		this.keysReplaced = keysReplaced;
	}

	DiscoveryDocument discovery(FetchedResponse response, URI uri) {
		String body = okBody(ProviderDocuments.DISCOVERY, response, uri);
		DiscoveryDocument document;
		try {
			document = DiscoveryDocument.parse(body);
		}
		catch (IllegalArgumentException ex) {
			throw new IdentityProviderException(ProviderDocuments.DISCOVERY, uri, response.status(), null,
					FailureReason.of(ex), null);
		}
		List<String> problems = this.settings.discoveryPolicy().check(document, this.settings.issuer());
		if (!problems.isEmpty()) {
			throw new IdentityProviderException(ProviderDocuments.DISCOVERY, uri, response.status(), null,
					"document refused: " + String.join("; ", problems), null);
		}
		return document;
	}

	KeySet keys(FetchedResponse response, URI uri) {
		String body = okBody(ProviderDocuments.JWKS, response, uri);
		try {
			KeySet keys = KeySet.parse(body);
			if (!keys.ignored().isEmpty()) {
				logger.warn("JWK set from " + uri + ": " + keys.ignored().size() + " malformed key(s) left out, "
						+ "tokens signed with them are rejected: " + String.join("; ", keys.ignored()));
			}
			this.keysReplaced.accept(keys);
			return keys;
		}
		catch (IllegalArgumentException ex) {
			throw new IdentityProviderException(ProviderDocuments.JWKS, uri, response.status(), null,
					ex.getMessage() + "; the previous keys stay in use", null);
		}
	}

	private static String okBody(String name, FetchedResponse response, URI uri) {
		if (response.isRedirect()) {
			throw ProviderFailures.redirectRefused(name, uri, response.status());
		}
		if (response.status() != 200) {
			throw new IdentityProviderException(name, uri, response.status(), null, "expected HTTP 200", null);
		}
		return response.body();
	}

}
