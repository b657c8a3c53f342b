/**
 * Roles, permissions, groups, scopes and feature flags read from validated tokens, with
 * claim names per provider and their mapping to Spring Security authorities.
 */
@NullMarked
package dev.identity.claims;

import org.jspecify.annotations.NullMarked;
