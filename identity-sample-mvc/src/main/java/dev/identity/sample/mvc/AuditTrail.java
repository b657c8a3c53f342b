package dev.identity.sample.mvc;

import java.time.Duration;
import java.util.Map;

import dev.identity.client.ClientCredentialsRestClientCustomizer;
import dev.identity.client.ClientCredentialsWebClientCustomizer;
import dev.identity.client.SmartOAuthClient;
import dev.identity.core.TokenRequest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Records what happened to notes in the audit service, with this application's own
 * client-credentials token (scope {@code audit}) on every call.
 * <p>
 * {@link SmartOAuthClient} is the natural choice here. This service is shared by a
 * blocking path ({@link NotesController}, on a servlet request thread) and a reactive one
 * ({@link NotesCleanup}, a Reactor pipeline on a scheduler thread that must not block).
 * The smart client serves both: the blocking {@link #record} gets its token with a plain
 * call, the reactive {@link #recordAsync} without blocking, and both take it from one
 * token cache, so the two paths share one token and renew it once. With
 * {@code OAuthClient} the reactive path would block a non-blocking thread; with
 * {@code ReactiveOAuthClient} the blocking path would have to block on a {@code Mono}.
 */
@Component
class AuditTrail {

	private static final ParameterizedTypeReference<Map<String, Object>> RECEIPT = new ParameterizedTypeReference<>() {
	};

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final SingletonSupplier<RestClient> restClient;

	private final SingletonSupplier<WebClient> webClient;

	private final Environment environment;

	AuditTrail(SmartOAuthClient identity, RestClient.Builder restClients, WebClient.Builder webClients,
			Environment environment) {
		TokenRequest.ClientCredentials auditScope = TokenRequest.ClientCredentials.ofScopes("audit");
		// The token goes to the audit URL's origin only, so the clients are built with it
		// as their base URL:
		// on first use, because by default it names this application's own port, known
		// once it listens.
		this.restClient = SingletonSupplier.of(() -> restClients.clone()
			.baseUrl(auditUrl())
			.apply(new ClientCredentialsRestClientCustomizer(identity).forRequest(auditScope))
			.build());
		this.webClient = SingletonSupplier.of(() -> webClients.clone()
			.baseUrl(auditUrl())
			.apply(new ClientCredentialsWebClientCustomizer(identity).forRequest(auditScope))
			.build());
		this.environment = environment;
	}

	/** Record an event, blocking until the audit service confirms it. */
	Map<String, Object> record(String action, long noteId, String actor) {
		Map<String, Object> receipt = this.restClient.obtain()
			.post()
			.contentType(MediaType.APPLICATION_JSON)
			.body(entry(action, noteId, actor))
			.retrieve()
			.body(RECEIPT);
		if (receipt == null) {
			throw new IllegalStateException("The audit service answered without a receipt");
		}
		return receipt;
	}

	/** Record an event without blocking. */
	Mono<Map<String, Object>> recordAsync(String action, long noteId, String actor) {
		return Mono
			.defer(() -> this.webClient.obtain()
				.post()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(entry(action, noteId, actor))
				.retrieve()
				.bodyToMono(RECEIPT))
			.timeout(TIMEOUT);
	}

	/** By default it names this application's own port, known once it listens. */
	private String auditUrl() {
		return this.environment.getRequiredProperty("sample.audit-url");
	}

	private static Map<String, Object> entry(String action, long noteId, String actor) {
		return Map.of("action", action, "note", noteId, "actor", actor);
	}

}
