/**
 * What the auto-configuration and {@code IdentityClients} share to build an engine and
 * its clients: the settings factory that checks every {@code identity.*} property, and
 * the provider's HTTP clients.
 * <p>
 * Internal: not part of the public API; it may change in any release.
 */
@NullMarked
package dev.identity.autoconfigure.internal;

import org.jspecify.annotations.NullMarked;
