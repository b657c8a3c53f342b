/**
 * The entry point for applications without auto-configuration:
 * {@link dev.identity.IdentityClients}.
 */
@NullMarked
package dev.identity;

import org.jspecify.annotations.NullMarked;
