/**
 * Shared state of one issuer: discovery and key caches and the single-flight that
 * coalesces fetches from every client.
 */
@NullMarked
package dev.identity.engine;

import org.jspecify.annotations.NullMarked;
