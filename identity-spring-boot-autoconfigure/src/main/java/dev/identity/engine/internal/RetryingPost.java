package dev.identity.engine.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;

import dev.identity.core.IdentityProviderException;
import dev.identity.core.OAuthErrorException;
import dev.identity.engine.internal.transport.FetchedResponse;
import dev.identity.engine.internal.transport.FormPost;
import dev.identity.engine.internal.transport.HttpFetcher;
import dev.identity.engine.internal.transport.ProviderFailures;
import dev.identity.engine.internal.transport.RetryPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A form post to the provider (token, introspection, revocation), retried as the retry
 * policy says, each attempt bounded by the fetch deadline; and the typed error of an
 * answer that is not a success. The transport does the waiting between attempts.
 */
final class RetryingPost {

	private static final Log logger = LogFactory.getLog(RetryingPost.class);

	private final EngineSettings settings;

	private final Clock clock;

	private final EngineTimer timer;

	private final DoubleSupplier random;

	private final EngineObserver observer;

	/**
	 * Create the sender.
	 * @param settings the issuer settings: retry policy and deadline
	 * @param clock the clock
	 * @param timer runs the deadline of an attempt whose transport has not answered yet
	 * @param random values in {@code [0, 1)} for the jitter of retry delays
	 * @param observer told of each attempt
	 */
	RetryingPost(EngineSettings settings, Clock clock, EngineTimer timer, DoubleSupplier random,
			EngineObserver observer) {
		this.observer = observer;
		this.settings = settings;
		this.clock = clock;
		this.timer = timer;
		this.random = random;
	}

	/**
	 * Send a form post, retrying as the retry policy says.
	 * @param post the request
	 * @param idempotent whether repeating it is harmless
	 * @param fetcher the caller's transport
	 * @return the last response
	 */
	CompletableFuture<FetchedResponse> send(FormPost post, boolean idempotent, HttpFetcher fetcher) {
		return attempt(post, idempotent, fetcher, 1);
	}

	/**
	 * The typed error of a non-2xx answer: the OAuth error object when the body is one.
	 * @param endpoint the endpoint name
	 * @param uri the URL
	 * @param response the answer
	 * @return the exception
	 */
	IdentityProviderException providerError(String endpoint, URI uri, FetchedResponse response) {
		if (response.isRedirect()) {
			return ProviderFailures.redirectRefused(endpoint, uri, response.status());
		}
		return OAuthErrorException.from(endpoint, uri, response.status(), response.body(),
				RetryPolicy.parseRetryAfter(response.retryAfter(), this.clock.instant()));
	}

	private CompletableFuture<FetchedResponse> attempt(FormPost post, boolean idempotent, HttpFetcher fetcher,
			int attempt) {
		CompletableFuture<FetchedResponse> response;
		try {
			response = withDeadline(post, this.observer.providerRequest(post.endpoint(), () -> fetcher.post(post)));
		}
		catch (RuntimeException ex) {
			response = CompletableFuture.failedFuture(ProviderFailures.requestFailed(post.endpoint(), post.uri(), ex));
		}
		return response.handle((answer, failure) -> {
			int status = (failure != null) ? 0 : answer.status();
			Duration retryAfter = (answer != null)
					? RetryPolicy.parseRetryAfter(answer.retryAfter(), this.clock.instant()) : null;
			Duration delay = (failure == null && answer.isSuccessful()) ? null : this.settings.retry()
				.delayBeforeRetry(attempt, status, idempotent, retryAfter, this.random.getAsDouble());
			if (delay == null) {
				return (failure != null)
						? CompletableFuture.<FetchedResponse>failedFuture(
								ProviderFailures.requestFailed(post.endpoint(), post.uri(), failure))
						: CompletableFuture.completedFuture(answer);
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Retrying " + post.endpoint() + " in " + delay.toMillis() + " ms (attempt " + attempt
						+ " got " + ((failure != null) ? "no response" : "HTTP " + status) + ")");
			}
			return fetcher.delay(delay).thenCompose((ignored) -> attempt(post, idempotent, fetcher, attempt + 1));
		}).thenCompose((next) -> next);
	}

	/**
	 * The attempt, failed with the deadline's failure if the transport has not answered
	 * by then, as a fetch of a document is: a transport that stalls cannot hold its
	 * caller longer than the deadline, whatever its own timeouts.
	 */
	private CompletableFuture<FetchedResponse> withDeadline(FormPost post,
			CompletableFuture<FetchedResponse> response) {
		if (response == null) {
			throw new IllegalStateException("the transport returned no response");
		}
		if (response.isDone()) {
			// A blocking transport answered on the caller's thread: nothing to bound.
			return response;
		}
		Duration deadline = this.settings.fetches().deadline();
		CompletableFuture<FetchedResponse> bounded = new CompletableFuture<>();
		Runnable cancel = this.timer.schedule(
				() -> bounded.completeExceptionally(HttpFetcher.deadlinePassed(post.endpoint(), post.uri(), deadline)),
				deadline);
		response.whenComplete((answer, failure) -> {
			cancel.run();
			if (failure != null) {
				bounded.completeExceptionally(failure);
			}
			else {
				bounded.complete(answer);
			}
		});
		return bounded;
	}

}
