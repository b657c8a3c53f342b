package dev.identity.engine.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.identity.engine.internal.transport.FetchedResponse;
import dev.identity.engine.internal.transport.FormPost;
import dev.identity.engine.internal.transport.HttpFetcher;
import org.jspecify.annotations.Nullable;

/**
 * An identity provider in memory: it answers the engine's GETs and form POSTs (token,
 * introspection, revocation) from a script the test changes at will (rotate keys, fail,
 * answer 500 or garbage, a sequence of answers, an answer late in simulated time), counts
 * every request, and can hold answers until the test releases them, so that concurrent
 * callers meet while a request is in flight.
 * <p>
 * Given a {@link ManualTimer} ({@link #useTimer}), a delayed answer and the transport's
 * wait before a retry fall due on the test's clock: nothing sleeps.
 * <p>
 * It starts by serving a valid discovery document and a set holding
 * {@link TestTokens#FIRST}.
 * <p>
 * Each {@link #fetcher()} is a separate transport (standing for one client flavor) over
 * the same provider, so a test can tell which client paid for a request.
 */
public final class ScriptedProvider {

	public static final String ISSUER = "https://issuer.test";

	private final String issuer;

	private final URI discoveryUri;

	private final URI jwksUri;

	private final URI tokenUri;

	private final URI introspectionUri;

	private final URI revocationUri;

	private final Map<URI, Queue<Reply>> sequences = new ConcurrentHashMap<>();

	private final Queue<FormPost> posts = new ConcurrentLinkedQueue<>();

	private final Queue<Duration> retryDelays = new ConcurrentLinkedQueue<>();

	private volatile @Nullable ManualTimer timer;

	private final Map<URI, Reply> replies = new ConcurrentHashMap<>();

	private final Map<URI, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final Queue<String> endpoints = new ConcurrentLinkedQueue<>();

	private final Queue<Held> held = new ConcurrentLinkedQueue<>();

	private volatile boolean holding;

	public ScriptedProvider() {
		this(ISSUER);
	}

	public ScriptedProvider(String issuer) {
		this.issuer = issuer;
		this.discoveryUri = URI.create(issuer + "/.well-known/openid-configuration");
		this.jwksUri = URI.create(issuer + "/jwks");
		this.tokenUri = URI.create(issuer + "/token");
		this.introspectionUri = URI.create(issuer + "/introspect");
		this.revocationUri = URI.create(issuer + "/revoke");
		serveDiscovery(discoveryJson(issuer, this.jwksUri.toString()));
		serveKeys(TestTokens.FIRST);
	}

	public String issuer() {
		return this.issuer;
	}

	public URI discoveryUri() {
		return this.discoveryUri;
	}

	public URI jwksUri() {
		return this.jwksUri;
	}

	public URI tokenUri() {
		return this.tokenUri;
	}

	public URI introspectionUri() {
		return this.introspectionUri;
	}

	public URI revocationUri() {
		return this.revocationUri;
	}

	/**
	 * Answer delayed replies, and end the transport's waits before retries, on this
	 * timer.
	 */
	public ScriptedProvider useTimer(ManualTimer timer) {
		this.timer = timer;
		return this;
	}

	// ---- script

	public static String discoveryJson(String issuer, String jwksUri) {
		return "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri + "\",\"token_endpoint\":\"" + issuer
				+ "/token\",\"authorization_endpoint\":\"" + issuer + "/authorize\",\"introspection_endpoint\":\""
				+ issuer + "/introspect\",\"revocation_endpoint\":\"" + issuer + "/revoke\"}";
	}

	public static String jwksJson(RSAKey... keys) {
		List<JWK> publicKeys = new ArrayList<>();
		for (RSAKey key : keys) {
			publicKeys.add(key.toPublicJWK());
		}
		return new JWKSet(publicKeys).toString();
	}

	public ScriptedProvider serveDiscovery(String json) {
		return reply(this.discoveryUri, Reply.ok(json, null));
	}

	public ScriptedProvider serveKeys(RSAKey... keys) {
		return reply(this.jwksUri, Reply.ok(jwksJson(keys), null));
	}

	public ScriptedProvider serveKeys(@Nullable String cacheControl, RSAKey... keys) {
		return reply(this.jwksUri, Reply.ok(jwksJson(keys), cacheControl));
	}

	public ScriptedProvider reply(URI uri, Reply reply) {
		this.replies.put(uri, reply);
		return this;
	}

	/**
	 * Answer the next requests for a URI with an error status, for tests outside this
	 * package.
	 */
	public ScriptedProvider replyStatus(URI uri, int status) {
		return reply(uri, Reply.status(status));
	}

	/**
	 * Answer the next requests to a URI with these replies, one each, then with what
	 * {@link #reply} set.
	 */
	public ScriptedProvider replies(URI uri, Reply... replies) {
		this.sequences.put(uri, new ConcurrentLinkedQueue<>(List.of(replies)));
		return this;
	}

	// ---- holding answers back

	/** From now on, answers wait in a queue until {@link #release(URI)}. */
	public void hold() {
		this.holding = true;
	}

	/**
	 * Deliver the answers held for a URI at the moment of the call. Continuations of the
	 * engine run on the calling thread, so requests they make are held again, not
	 * released by this call.
	 * @return how many were released
	 */
	public int release(URI uri) {
		List<Held> due = new ArrayList<>();
		for (Iterator<Held> it = this.held.iterator(); it.hasNext();) {
			Held next = it.next();
			if (next.uri().equals(uri)) {
				due.add(next);
				it.remove();
			}
		}
		for (Held next : due) {
			next.reply().completeInto(next.future());
		}
		return due.size();
	}

	public int held(URI uri) {
		return (int) this.held.stream().filter((next) -> next.uri().equals(uri)).count();
	}

	// ---- what happened

	public int requests(URI uri) {
		AtomicInteger count = this.requests.get(uri);
		return (count != null) ? count.get() : 0;
	}

	public int discoveryRequests() {
		return requests(this.discoveryUri);
	}

	public int jwksRequests() {
		return requests(this.jwksUri);
	}

	/** The form posts received, in order. */
	public List<FormPost> posts() {
		return List.copyOf(this.posts);
	}

	/** How long the engine asked the transport to wait before each retry, in order. */
	public List<Duration> retryDelays() {
		return List.copyOf(this.retryDelays);
	}

	/** Logical endpoint names the engine passed, in request order. */
	public List<String> endpoints() {
		return List.copyOf(this.endpoints);
	}

	// ---- transport

	/** A new transport over this provider, with a request count of its own. */
	public Fetcher fetcher() {
		return new Fetcher(false);
	}

	/**
	 * A new transport whose callers hold a thread while they wait, as a blocking client's
	 * do.
	 */
	public Fetcher blockingFetcher() {
		return new Fetcher(true);
	}

	private CompletableFuture<FetchedResponse> answer(String endpoint, URI uri) {
		this.requests.computeIfAbsent(uri, (key) -> new AtomicInteger()).incrementAndGet();
		this.endpoints.add(endpoint);
		Queue<Reply> sequence = this.sequences.get(uri);
		Reply next = (sequence != null) ? sequence.poll() : null;
		Reply reply = (next != null) ? next : this.replies.getOrDefault(uri, Reply.status(404));
		if (reply instanceof Reply.Throw thrown) {
			if (thrown.exception() instanceof Error error) {
				throw error;
			}
			throw (RuntimeException) thrown.exception();
		}
		CompletableFuture<FetchedResponse> future = new CompletableFuture<>();
		if (this.holding) {
			this.held.add(new Held(uri, reply, future));
		}
		else if (reply instanceof Reply.Delayed delayed) {
			requireTimer().schedule(() -> delayed.reply().completeInto(future), delayed.delay());
		}
		else {
			reply.completeInto(future);
		}
		return future;
	}

	private ManualTimer requireTimer() {
		ManualTimer current = this.timer;
		if (current == null) {
			throw new IllegalStateException("no timer: call useTimer first");
		}
		return current;
	}

	final class Fetcher implements HttpFetcher {

		private final AtomicInteger count = new AtomicInteger();

		private final boolean holdsCallerThread;

		private Fetcher(boolean holdsCallerThread) {
			this.holdsCallerThread = holdsCallerThread;
		}

		@Override
		public boolean holdsCallerThread() {
			return this.holdsCallerThread;
		}

		@Override
		public CompletableFuture<FetchedResponse> get(String endpoint, URI uri) {
			this.count.incrementAndGet();
			return answer(endpoint, uri);
		}

		@Override
		public CompletableFuture<FetchedResponse> post(FormPost post) {
			this.count.incrementAndGet();
			ScriptedProvider.this.posts.add(post);
			return answer(post.endpoint(), post.uri());
		}

		/** The wait before a retry falls due on the test's timer. */
		@Override
		public CompletableFuture<Void> delay(Duration delay) {
			ScriptedProvider.this.retryDelays.add(delay);
			CompletableFuture<Void> waited = new CompletableFuture<>();
			requireTimer().schedule(() -> waited.complete(null), delay);
			return waited;
		}

		int requests() {
			return this.count.get();
		}

	}

	private record Held(URI uri, Reply reply, CompletableFuture<FetchedResponse> future) {

	}

	/** One scripted answer. */
	sealed interface Reply {

		static Reply ok(String body, @Nullable String cacheControl) {
			return new Respond(new FetchedResponse(200, cacheControl, body));
		}

		static Reply status(int status) {
			return new Respond(new FetchedResponse(status, null, "{\"error\":\"server_error\"}"));
		}

		/**
		 * An answer of any status and body, with a {@code Retry-After} header or none.
		 */
		static Reply answer(int status, @Nullable String retryAfter, String body) {
			return new Respond(new FetchedResponse(status, null, retryAfter, body));
		}

		/** A JSON body with status 200. */
		static Reply json(String body) {
			return answer(200, null, body);
		}

		/** The reply, once the delay has passed on the provider's timer. */
		static Reply delayed(Duration delay, Reply reply) {
			return new Delayed(delay, reply);
		}

		/** No response arrived: the future completes exceptionally. */
		static Reply failWith(Throwable failure) {
			return new Fail(failure);
		}

		/** The transport breaks its contract and throws instead of returning a future. */
		static Reply throwing(RuntimeException exception) {
			return new Throw(exception);
		}

		/**
		 * The transport fails with an error, e.g. a class missing from the class path.
		 */
		static Reply throwing(Error exception) {
			return new Throw(exception);
		}

		default void completeInto(CompletableFuture<FetchedResponse> future) {
			if (this instanceof Respond respond) {
				future.complete(respond.response());
			}
			else if (this instanceof Fail fail) {
				future.completeExceptionally(fail.failure());
			}
		}

		record Respond(FetchedResponse response) implements Reply {

		}

		record Fail(Throwable failure) implements Reply {

		}

		record Throw(Throwable exception) implements Reply {

		}

		record Delayed(Duration delay, Reply reply) implements Reply {

		}

	}

}
