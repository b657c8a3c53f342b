/**
 * The one rule that makes outside text safe for logs and messages.
 * <p>
 * Internal: not part of the public API; it may change in any release.
 */
@NullMarked
package dev.identity.core.internal;

import org.jspecify.annotations.NullMarked;
