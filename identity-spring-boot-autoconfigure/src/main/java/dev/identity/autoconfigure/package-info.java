/**
 * Auto-configuration of the identity client from {@code identity.*} properties.
 */
@NullMarked
package dev.identity.autoconfigure;

import org.jspecify.annotations.NullMarked;
