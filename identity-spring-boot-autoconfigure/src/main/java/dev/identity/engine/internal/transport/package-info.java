/**
 * How the engine talks to the provider: the fetcher contract and its blocking and
 * reactive implementations, form posts, token requests, retries and the provider-failure
 * messages.
 * <p>
 * Internal: not part of the public API; it may change in any release.
 */
@NullMarked
package dev.identity.engine.internal.transport;

import org.jspecify.annotations.NullMarked;
