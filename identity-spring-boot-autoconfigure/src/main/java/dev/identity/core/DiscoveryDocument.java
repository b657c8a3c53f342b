package dev.identity.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenID Provider's metadata (OpenID Connect Discovery 1.0 §3, RFC 8414 §2).
 */
public final class DiscoveryDocument {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final Map<String, Object> metadata;

	private DiscoveryDocument(Map<String, Object> metadata) {
		this.metadata = Collections.unmodifiableMap(metadata);
	}

	/**
	 * Parse a discovery document.
	 * @param json the document
	 * @return the document
	 * @throws IllegalArgumentException when it is not a JSON object with a string
	 * {@code issuer} and absolute URLs where URLs belong
	 */
	public static DiscoveryDocument parse(String json) {
		Map<String, Object> metadata;
		try {
			metadata = JSON.readValue(json, OBJECT);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("discovery document is not a JSON object");
		}
		if (metadata == null) {
			throw new IllegalArgumentException("discovery document is not a JSON object");
		}
		if (!(metadata.get("issuer") instanceof String)) {
			throw new IllegalArgumentException("discovery document has no string 'issuer'");
		}
		DiscoveryDocument document = new DiscoveryDocument(metadata);
		for (String name : URL_MEMBERS) {
			document.uri(name);
		}
		return document;
	}

	static final List<String> URL_MEMBERS = List.of("jwks_uri", "authorization_endpoint", "token_endpoint",
			"userinfo_endpoint", "introspection_endpoint", "revocation_endpoint", "end_session_endpoint",
			"registration_endpoint", "device_authorization_endpoint", "pushed_authorization_request_endpoint");

	/** The {@code issuer} member. */
	public String getIssuer() {
		// parse() rejects a document without a string issuer.
		return (String) Objects.requireNonNull(this.metadata.get("issuer"), "issuer");
	}

	/** The {@code jwks_uri} member, or {@code null}. */
	public @Nullable URI getJwksUri() {
		return uri("jwks_uri");
	}

	public @Nullable URI getAuthorizationEndpoint() {
		return uri("authorization_endpoint");
	}

	public @Nullable URI getTokenEndpoint() {
		return uri("token_endpoint");
	}

	public @Nullable URI getUserInfoEndpoint() {
		return uri("userinfo_endpoint");
	}

	public @Nullable URI getIntrospectionEndpoint() {
		return uri("introspection_endpoint");
	}

	public @Nullable URI getRevocationEndpoint() {
		return uri("revocation_endpoint");
	}

	public @Nullable URI getEndSessionEndpoint() {
		return uri("end_session_endpoint");
	}

	/** Every member of the document, as parsed from JSON. */
	public Map<String, Object> getMetadata() {
		return this.metadata;
	}

	/**
	 * A member that holds a URL.
	 * @param name the member name
	 * @return the URL, or {@code null} when absent
	 * @throws IllegalArgumentException when present but not an absolute http(s) URL
	 */
	public @Nullable URI uri(String name) {
		Object value = this.metadata.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text)) {
			throw new IllegalArgumentException("discovery member '" + name + "' is not a string");
		}
		try {
			URI uri = new URI(text);
			if (!uri.isAbsolute() || uri.getHost() == null
					|| !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
				throw new IllegalArgumentException("discovery member '" + name + "' is not an absolute http(s) URL");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("discovery member '" + name + "' is not a valid URL");
		}
	}

	@Override
	public String toString() {
		return "DiscoveryDocument[issuer=" + getIssuer() + ", jwks_uri=" + this.metadata.get("jwks_uri") + "]";
	}

}
