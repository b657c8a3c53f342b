/**
 * Metrics and observations of the identity engines, with the application's Micrometer
 * registries: validations, cache lookups and provider requests.
 */
@NullMarked
package dev.identity.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
