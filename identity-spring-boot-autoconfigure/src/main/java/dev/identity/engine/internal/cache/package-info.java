/**
 * The engine's caches: discovery and keys (with their single-flight fetches and
 * back-off), validated tokens, client-credentials tokens and introspection answers.
 * <p>
 * Internal: not part of the public API; it may change in any release.
 */
@NullMarked
package dev.identity.engine.internal.cache;

import org.jspecify.annotations.NullMarked;
