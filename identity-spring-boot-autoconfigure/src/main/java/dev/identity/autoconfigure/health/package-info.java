/**
 * The {@code identity} health contributor: one component per issuer, read from engine
 * state, in the readiness group by default.
 */
@NullMarked
package dev.identity.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
