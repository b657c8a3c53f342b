package dev.identity.browser;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Anonymous requests as a flood sends them: no cookies kept, nothing followed, a few
 * connections at once.
 */
final class LoginFlood {

	private static final int CONNECTIONS = 4;

	private LoginFlood() {
	}

	/**
	 * Send {@code GET} requests to one URL.
	 * @param uri the URL
	 * @param count how many requests
	 * @return how many answers were not {@code 302}
	 */
	static int send(URI uri, int count) throws Exception {
		HttpClient http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpRequest request = HttpRequest.newBuilder(uri)
			.header("Accept", Browser.PAGE)
			.timeout(Duration.ofSeconds(20))
			.GET()
			.build();
		AtomicInteger sent = new AtomicInteger();
		AtomicInteger unexpected = new AtomicInteger();
		ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < CONNECTIONS; i++) {
				done.add(senders.submit(() -> {
					while (sent.getAndIncrement() < count) {
						HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
						if (response.statusCode() != 302) {
							unexpected.incrementAndGet();
						}
					}
					return null;
				}));
			}
			for (Future<?> sender : done) {
				sender.get();
			}
		}
		finally {
			senders.shutdown();
		}
		return unexpected.get();
	}

	/** The heap still in use after full collections: what the application retains. */
	static long retainedHeap() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
