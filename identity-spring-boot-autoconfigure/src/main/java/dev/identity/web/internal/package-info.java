/**
 * What the controller integration shares between both web stacks: which handlers need a
 * token, what their parameters require, and the start-up checks of that wiring.
 * <p>
 * Internal: not part of the public API; it may change in any release.
 */
@NullMarked
package dev.identity.web.internal;

import org.jspecify.annotations.NullMarked;
