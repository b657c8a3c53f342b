/**
 * The engine of one issuer: a facade over token validation, the token endpoint and the
 * provider's other endpoints, with its timer and its own refresh threads.
 * <p>
 * Internal: not part of the public API; it may change in any release.
 */
@NullMarked
package dev.identity.engine.internal;

import org.jspecify.annotations.NullMarked;
