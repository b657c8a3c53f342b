/**
 * Validated bearer tokens in Spring WebFlux controllers: argument resolution, the
 * requirement check before handlers run, and their auto-configuration. Nothing here
 * blocks.
 */
@NullMarked
package dev.identity.web.reactive;

import org.jspecify.annotations.NullMarked;
