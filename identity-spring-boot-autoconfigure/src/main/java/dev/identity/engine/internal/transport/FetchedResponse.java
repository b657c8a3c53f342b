package dev.identity.engine.internal.transport;

import org.jspecify.annotations.Nullable;

/**
 * What a transport hands back to the engine: status, the headers the engine reads, and
 * the body.
 *
 * @param status the HTTP status
 * @param cacheControl the {@code Cache-Control} header, or {@code null}
 * @param retryAfter the {@code Retry-After} header, or {@code null}
 * @param body the body as text, empty when none
 */
public record FetchedResponse(int status, @Nullable String cacheControl, @Nullable String retryAfter, String body) {

	public FetchedResponse(int status, @Nullable String cacheControl, String body) {
		this(status, cacheControl, null, body);
	}

	/** Whether the status is 2xx. */
	public boolean isSuccessful() {
		return this.status >= 200 && this.status < 300;
	}

	/** Whether the status is 3xx: a redirect, which provider requests never follow. */
	public boolean isRedirect() {
		return this.status >= 300 && this.status < 400;
	}

	@Override
	public String toString() {
		return "FetchedResponse[status=" + this.status + ", cacheControl=" + this.cacheControl + ", "
				+ this.body.length() + " chars]";
	}

}
