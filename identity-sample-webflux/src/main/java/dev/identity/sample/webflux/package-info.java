/**
 * The notes API on WebFlux, protected by the identity starter.
 */
@NullMarked
package dev.identity.sample.webflux;

import org.jspecify.annotations.NullMarked;
