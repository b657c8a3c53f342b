/**
 * The notes API on Spring MVC, protected by the identity starter.
 */
@NullMarked
package dev.identity.sample.mvc;

import org.jspecify.annotations.NullMarked;
